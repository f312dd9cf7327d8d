/**
 * Validator for Feishu card JSON 2.0, following /work/shared/feishu-card-rules.md (rule ids in
 * comments) and feishu-card-components.json. Only DOC rules (and the INFER rules the team chose to
 * enforce: strict component counting, `plain_text` not a body component) are errors; DOC-AMBIG
 * rules (missing `behaviors`, chart inside a form) are not reported.
 *
 * Each problem carries the error the send / reply / patch APIs would answer (code 230099 with an
 * `ErrCode` sub-code, or 230025 for size), so the emulator can build a realistic error body.
 */

/** One rule violation, with the Open Platform error it maps to. */
export interface CardProblem {
  /** Top-level API code: 230099 (card content) or 230025 (message too long). */
  code: 230099 | 230025;
  /** 230099 sub-code (`ErrCode` in the message): 200621 parse/unknown property, 200861 unsupported tag, 11310 element limit, 200550 chart spec, 200914/200915 table rows, 300220 audio forward. */
  subCode?: number;
  /** Feishu-style `ErrPath`, e.g. `ROOT -> body -> elements -> [2](tag: chart)`. */
  path: string;
  /** Human-readable description. */
  message: string;
}

/** Options for {@link checkCard}. */
export interface CardCheckOptions {
  /** Byte limit of the serialized card (default 30 × 1024; R4.6 does not say 30 000 or 30 720). */
  maxBytes?: number;
  /** Component + element limit (default 200, R4.5). */
  maxComponents?: number;
}

export const ELEMENT_ID_RE = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;
export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_COMPONENTS = 200;
const MAX_NESTING = 5;

const HEADER_TEMPLATES = new Set([
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
]);
const TEXT_TAG_COLORS = new Set([
  'neutral',
  'blue',
  'turquoise',
  'lime',
  'orange',
  'violet',
  'indigo',
  'wathet',
  'green',
  'yellow',
  'red',
  'purple',
  'carmine',
]);
const TOP_KEYS = new Set(['schema', 'config', 'card_link', 'header', 'body']);
const CONFIG_KEYS = new Set([
  'streaming_mode',
  'streaming_config',
  'summary',
  'locales',
  'enable_forward',
  'update_multi',
  'width_mode',
  'use_custom_translation',
  'enable_forward_interaction',
  'style',
]);
const BODY_KEYS = new Set([
  'direction',
  'padding',
  'horizontal_spacing',
  'vertical_spacing',
  'horizontal_align',
  'vertical_align',
  'elements',
]);
const HEADER_KEYS = new Set([
  'title',
  'subtitle',
  'text_tag_list',
  'i18n_text_tag_list',
  'template',
  'icon',
  'padding',
]);
const BUTTON_TYPES = new Set([
  'default',
  'primary',
  'danger',
  'text',
  'primary_text',
  'danger_text',
  'primary_filled',
  'danger_filled',
  'laser',
]);
const BUTTON_SIZES = new Set(['tiny', 'small', 'medium', 'large']);
const TABLE_DATA_TYPES = new Set(['text', 'lark_md', 'options', 'number', 'persons', 'date', 'markdown']);

/** Component tags allowed in 2.0 bodies (R2 table). */
export const KNOWN_TAGS = new Set([
  'column_set',
  'form',
  'interactive_container',
  'collapsible_panel',
  'div',
  'markdown',
  'img',
  'img_combination',
  'person',
  'person_list',
  'chart',
  'table',
  'hr',
  'audio',
  'button',
  'input',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'overflow',
  'select_img',
  'checker',
]);
/** Interactive components that need a unique `name` inside a form (R3.8). */
const FORM_FIELD_TAGS = new Set([
  'button',
  'input',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'select_img',
  'checker',
]);
const CONTAINER_TAGS = new Set(['form', 'interactive_container', 'collapsible_panel', 'column_set']);

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface FormCtx {
  hasSubmit: boolean;
}

interface WalkCtx {
  depth: number;
  form?: FormCtx;
}

class Checker {
  readonly problems: CardProblem[] = [];
  private readonly elementIds = new Set<string>();
  private readonly names = new Set<string>();
  private tables = 0;
  private hasAudio = false;

  constructor(private readonly card: Json) {}

  add(path: string, message: string, subCode = 200621): void {
    this.problems.push({ code: 230099, subCode, path, message });
  }

  run(): void {
    const c = this.card;
    if (c.schema !== '2.0') this.add('ROOT -> schema', 'schema must be "2.0" (R1.1)');
    for (const k of Object.keys(c)) {
      if (!TOP_KEYS.has(k)) this.add('ROOT', `unknown property: ${k} (R1.3, R1.4)`);
    }
    this.checkConfig(c.config);
    if (c.header !== undefined) this.checkHeader(c.header);
    if (c.body !== undefined) this.checkBody(c.body);
    if (this.hasAudio && !(isObj(c.config) && c.config.enable_forward === false)) {
      this.add('ROOT -> config', 'a card with audio must set config.enable_forward: false (R1.9)', 300220);
    }
    if (this.tables > 5) this.add('ROOT -> body', `at most 5 tables per card, found ${this.tables} (R4.2)`);
  }

  private checkConfig(config: unknown): void {
    if (config === undefined) return;
    if (!isObj(config)) {
      this.add('ROOT -> config', 'config must be an object');
      return;
    }
    for (const k of Object.keys(config)) {
      if (!CONFIG_KEYS.has(k)) this.add('ROOT -> config', `unknown property: ${k} (R1.8)`);
    }
    if (config.update_multi === false) {
      this.add('ROOT -> config -> update_multi', 'update_multi may only be true in JSON 2.0 (R1.7)');
    }
    if (
      config.width_mode !== undefined &&
      !['default', 'compact', 'fill'].includes(String(config.width_mode))
    ) {
      this.add('ROOT -> config -> width_mode', `invalid width_mode ${String(config.width_mode)}`);
    }
  }

  private checkHeader(header: unknown): void {
    const p = 'ROOT -> header';
    if (!isObj(header)) {
      this.add(p, 'header must be an object');
      return;
    }
    for (const k of Object.keys(header)) {
      if (!HEADER_KEYS.has(k)) this.add(p, `unknown property: ${k} (R1.3, R1.14)`);
    }
    if (header.title === undefined) this.add(`${p} -> title`, 'header.title is required (R1.11)');
    else this.checkText(header.title, `${p} -> title`, ['plain_text', 'lark_md']);
    if (header.subtitle !== undefined)
      this.checkText(header.subtitle, `${p} -> subtitle`, ['plain_text', 'lark_md']);
    if (header.template !== undefined && !HEADER_TEMPLATES.has(String(header.template))) {
      this.add(`${p} -> template`, `unknown header template ${String(header.template)} (R1.12)`);
    }
    if (header.text_tag_list !== undefined) {
      if (!Array.isArray(header.text_tag_list))
        this.add(`${p} -> text_tag_list`, 'text_tag_list must be an array');
      else {
        header.text_tag_list.forEach((t, i) => {
          this.checkTextTag(t, `${p} -> text_tag_list -> [${i}]`);
        });
      }
    }
    if (header.icon !== undefined) {
      const icon = header.icon;
      if (!isObj(icon) || !['standard_icon', 'custom_icon'].includes(String(icon.tag))) {
        this.add(`${p} -> icon`, 'icon.tag must be standard_icon or custom_icon (R1.14)');
      }
    }
  }

  private checkTextTag(t: unknown, p: string): void {
    if (!isObj(t) || t.tag !== 'text_tag') {
      this.add(p, 'text_tag_list items need tag "text_tag" (R1.13)');
      return;
    }
    this.checkElementId(t, p);
    this.checkText(t.text, `${p} -> text`, ['plain_text']);
    if (t.color !== undefined && !TEXT_TAG_COLORS.has(String(t.color))) {
      this.add(`${p} -> color`, `unknown text_tag color ${String(t.color)} (R1.13)`);
    }
  }

  private checkBody(body: unknown): void {
    const p = 'ROOT -> body';
    if (!isObj(body)) {
      this.add(p, 'body must be an object');
      return;
    }
    for (const k of Object.keys(body)) {
      if (!BODY_KEYS.has(k)) this.add(p, `unknown property: ${k} (R1.3)`);
    }
    if (body.elements === undefined) return;
    if (!Array.isArray(body.elements)) {
      this.add(`${p} -> elements`, 'body.elements must be an array');
      return;
    }
    this.walkList(body.elements, `${p} -> elements`, { depth: 0 }, true);
  }

  private walkList(list: unknown[], p: string, ctx: WalkCtx, atRoot: boolean): void {
    list.forEach((el, i) => {
      const tag = isObj(el) ? String(el.tag) : '?';
      this.walk(el, `${p} -> [${i}](tag: ${tag})`, ctx, atRoot);
    });
  }

  private walk(el: unknown, p: string, ctx: WalkCtx, atRoot: boolean): void {
    if (!isObj(el)) {
      this.add(p, 'component must be an object');
      return;
    }
    const tag = el.tag;
    if (typeof tag !== 'string') {
      this.add(p, 'component without tag');
      return;
    }
    if (tag === 'note' || tag === 'action') {
      this.add(
        p,
        `cards of schema V2 no longer support this capability; ErrorValue: unsupported tag ${tag} (R2.4)`,
        200861,
      );
      return;
    }
    if (!KNOWN_TAGS.has(tag)) {
      this.add(p, `unsupported tag ${tag} (R2)`, 200861);
      return;
    }
    this.checkElementId(el, p);
    if ((tag === 'form' || tag === 'table') && !atRoot) {
      this.add(p, `${tag} may only appear directly in body.elements (R3.10, R4.1, R4.2)`);
    }
    const formOnly =
      tag === 'multi_select_static' ||
      tag === 'multi_select_person' ||
      (tag === 'select_img' && el.multi_select === true);
    if (formOnly && !ctx.form) this.add(p, `${tag} may only be used inside a form (R2 F-only)`);
    if (FORM_FIELD_TAGS.has(tag)) this.checkFieldName(el, p, ctx);
    if (el.behaviors !== undefined) this.checkBehaviors(el, p);
    let childDepth = ctx.depth;
    if (CONTAINER_TAGS.has(tag)) {
      childDepth = ctx.depth + 1;
      if (childDepth > MAX_NESTING) this.add(p, `containers nest at most ${MAX_NESTING} levels (R4.3)`);
    }
    const child: WalkCtx = { ...ctx, depth: childDepth };
    this.checkComponent(tag, el, p, child);
  }

  private checkComponent(tag: string, el: Json, p: string, child: WalkCtx): void {
    switch (tag) {
      case 'form': {
        if (typeof el.name !== 'string' || el.name === '')
          this.add(`${p} -> name`, 'form.name is required (R3.7)');
        else this.claimName(el.name, p);
        const form: FormCtx = { hasSubmit: false };
        if (!Array.isArray(el.elements)) this.add(`${p} -> elements`, 'form.elements is required');
        else this.walkList(el.elements, `${p} -> elements`, { ...child, form }, false);
        if (!form.hasSubmit) this.add(p, 'a form needs a button with form_action_type "submit" (R3.9)');
        return;
      }
      case 'interactive_container':
        if (!Array.isArray(el.behaviors))
          this.add(`${p} -> behaviors`, 'interactive_container.behaviors is required');
        this.childElements(el, p, child, true);
        return;
      case 'collapsible_panel': {
        const h = el.header;
        if (!isObj(h)) this.add(`${p} -> header`, 'collapsible_panel.header is required');
        else if (h.title !== undefined)
          this.checkText(h.title, `${p} -> header -> title`, ['plain_text', 'markdown']);
        this.childElements(el, p, child, false);
        return;
      }
      case 'column_set':
        this.checkColumnSet(el, p, child);
        return;
      case 'div':
        if (el.text !== undefined) this.checkText(el.text, `${p} -> text`, ['plain_text', 'lark_md']);
        return;
      case 'markdown':
        if (typeof el.content !== 'string' && !isObj(el.i18n_content)) {
          this.add(`${p} -> content`, 'markdown.content is required');
        }
        return;
      case 'img':
        this.requireString(el, 'img_key', p);
        if (el.alt === undefined) this.add(`${p} -> alt`, 'img.alt is required');
        else this.checkText(el.alt, `${p} -> alt`, ['plain_text']);
        return;
      case 'img_combination':
        if (!['double', 'triple', 'bisect', 'trisect'].includes(String(el.combination_mode))) {
          this.add(`${p} -> combination_mode`, 'combination_mode must be double|triple|bisect|trisect');
        }
        this.requireArrayOf(el, 'img_list', p, (o, ip) => this.requireString(o, 'img_key', ip));
        return;
      case 'person':
        this.requireString(el, 'user_id', p);
        return;
      case 'person_list':
        this.requireArrayOf(el, 'persons', p, (o, ip) => this.requireString(o, 'id', ip));
        return;
      case 'chart':
        this.checkChart(el, p);
        return;
      case 'table':
        this.checkTable(el, p);
        return;
      case 'audio':
        this.hasAudio = true;
        this.requireString(el, 'file_key', p);
        return;
      case 'button':
        this.checkButton(el, p, child);
        return;
      case 'input':
        this.checkInput(el, p, child);
        return;
      case 'select_static':
      case 'multi_select_static':
        this.checkOptions(el, p, true);
        this.checkRequiredAttr(el, p, child);
        return;
      case 'select_person':
      case 'multi_select_person':
        if (el.options !== undefined) this.checkOptions(el, p, false);
        this.checkRequiredAttr(el, p, child);
        return;
      case 'date_picker':
      case 'picker_time':
      case 'picker_datetime':
        this.checkPickerInitial(tag, el, p);
        this.checkRequiredAttr(el, p, child);
        return;
      case 'overflow':
        this.requireArrayOf(el, 'options', p, (o, ip) => {
          if (o.text !== undefined) this.checkText(o.text, `${ip} -> text`, ['plain_text'], 100);
        });
        return;
      case 'select_img':
        this.requireArrayOf(el, 'options', p, (o, ip) => this.requireString(o, 'img_key', ip));
        this.checkRequiredAttr(el, p, child);
        return;
      case 'checker':
        if (el.text !== undefined) this.checkText(el.text, `${p} -> text`, ['plain_text', 'lark_md']);
        if (
          isObj(el.button_area) &&
          Array.isArray(el.button_area.buttons) &&
          el.button_area.buttons.length > 3
        ) {
          this.add(`${p} -> button_area`, 'checker holds at most 3 buttons (R4.7)');
        }
        if (Array.isArray(el.behaviors) && el.behaviors.some((b) => isObj(b) && b.type !== 'callback')) {
          this.add(`${p} -> behaviors`, 'checker.behaviors supports callback only (R3.1)');
        }
        return;
      default:
        return; // hr: nothing required
    }
  }

  private childElements(el: Json, p: string, child: WalkCtx, required: boolean): void {
    if (el.elements === undefined) {
      if (required) this.add(`${p} -> elements`, `${String(el.tag)}.elements is required`);
      return;
    }
    if (!Array.isArray(el.elements)) {
      this.add(`${p} -> elements`, 'elements must be an array');
      return;
    }
    this.walkList(el.elements, `${p} -> elements`, child, false);
  }

  private checkColumnSet(el: Json, p: string, child: WalkCtx): void {
    if (!Array.isArray(el.columns)) {
      this.add(`${p} -> columns`, 'column_set.columns is required');
      return;
    }
    el.columns.forEach((col, i) => {
      const cp = `${p} -> columns -> [${i}](tag: column)`;
      if (!isObj(col) || col.tag !== 'column') {
        this.add(cp, 'column_set.columns items need tag "column"');
        return;
      }
      this.checkElementId(col, cp);
      if (
        col.weight !== undefined &&
        !(Number.isInteger(col.weight) && Number(col.weight) >= 1 && Number(col.weight) <= 5)
      ) {
        this.add(`${cp} -> weight`, 'column.weight must be an integer 1-5 (R4.7)');
      }
      if (col.elements !== undefined) {
        if (!Array.isArray(col.elements)) this.add(`${cp} -> elements`, 'column.elements must be an array');
        else this.walkList(col.elements, `${cp} -> elements`, child, false);
      }
    });
  }

  private checkButton(el: Json, p: string, ctx: WalkCtx): void {
    if (el.text !== undefined) this.checkText(el.text, `${p} -> text`, ['plain_text'], 100);
    if (el.type !== undefined && !BUTTON_TYPES.has(String(el.type))) {
      this.add(`${p} -> type`, `unknown button type ${String(el.type)}`);
    }
    if (el.size !== undefined && !BUTTON_SIZES.has(String(el.size))) {
      this.add(`${p} -> size`, `unknown button size ${String(el.size)}`);
    }
    if (el.confirm !== undefined) {
      const c = el.confirm;
      if (!isObj(c)) this.add(`${p} -> confirm`, 'confirm must be an object');
      else {
        this.checkText(c.title, `${p} -> confirm -> title`, ['plain_text']);
        this.checkText(c.text, `${p} -> confirm -> text`, ['plain_text']);
      }
    }
    const fat = el.form_action_type ?? legacyFormAction(el.action_type);
    if (ctx.form) {
      if (fat !== 'submit' && fat !== 'reset' && fat !== undefined) {
        this.add(`${p} -> form_action_type`, 'form_action_type must be submit or reset');
      }
      if (fat === undefined)
        this.add(`${p} -> form_action_type`, 'a button in a form needs form_action_type (R3.2)');
      if (fat === 'submit') ctx.form.hasSubmit = true;
    }
  }

  private checkInput(el: Json, p: string, ctx: WalkCtx): void {
    if (el.max_length !== undefined) {
      const n = el.max_length;
      if (!Number.isInteger(n) || Number(n) < 1 || Number(n) > 1000) {
        this.add(`${p} -> max_length`, 'input.max_length must be an integer 1-1000');
      }
    }
    if (
      el.input_type !== undefined &&
      !['text', 'multiline_text', 'password'].includes(String(el.input_type))
    ) {
      this.add(`${p} -> input_type`, `unknown input_type ${String(el.input_type)}`);
    }
    if (el.placeholder !== undefined)
      this.checkText(el.placeholder, `${p} -> placeholder`, ['plain_text'], 100);
    this.checkRequiredAttr(el, p, ctx);
  }

  /** `required` is valid only inside a form (INPUT, SSELECT, DATE…: "其它情况将报错"). */
  private checkRequiredAttr(el: Json, p: string, ctx: WalkCtx): void {
    if (el.required === true && !ctx.form)
      this.add(`${p} -> required`, '`required` is only valid inside a form');
  }

  private checkFieldName(el: Json, p: string, ctx: WalkCtx): void {
    const needsName =
      ctx.form !== undefined || el.tag === 'multi_select_static' || el.tag === 'multi_select_person';
    if (el.name === undefined || el.name === '') {
      if (needsName) this.add(`${p} -> name`, `${String(el.tag)} in a form needs a non-empty name (R3.8)`);
      return;
    }
    if (typeof el.name !== 'string') {
      this.add(`${p} -> name`, 'name must be a string');
      return;
    }
    this.claimName(el.name, p);
  }

  private claimName(name: string, p: string): void {
    if (this.names.has(name))
      this.add(`${p} -> name`, `duplicate name "${name}"; names must be unique in the card (R3.7, R3.8)`);
    this.names.add(name);
  }

  private checkOptions(el: Json, p: string, needText: boolean): void {
    if (el.options === undefined) {
      if (needText) this.add(`${p} -> options`, `${String(el.tag)}.options is required`);
      return;
    }
    if (!Array.isArray(el.options)) {
      this.add(`${p} -> options`, 'options must be an array');
      return;
    }
    const seen = new Set<string>();
    el.options.forEach((o, i) => {
      const op = `${p} -> options -> [${i}]`;
      if (!isObj(o)) {
        this.add(op, 'option must be an object');
        return;
      }
      if (needText) this.checkText(o.text, `${op} -> text`, ['plain_text'], 100);
      if (typeof o.value !== 'string') {
        this.add(`${op} -> value`, 'option.value must be a string');
        return;
      }
      if (seen.has(o.value)) this.add(`${op} -> value`, `duplicate option value "${o.value}"`);
      seen.add(o.value);
    });
    if (Array.isArray(el.selected_values)) {
      for (const v of el.selected_values) {
        if (!seen.has(String(v)))
          this.add(`${p} -> selected_values`, `selected value "${String(v)}" is not an option`);
      }
    }
  }

  private checkPickerInitial(tag: string, el: Json, p: string): void {
    const rules: Record<string, [string, RegExp]> = {
      date_picker: ['initial_date', /^\d{4}-\d{2}-\d{2}$/],
      picker_time: ['initial_time', /^\d{2}:\d{2}$/],
      picker_datetime: ['initial_datetime', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/],
    };
    const rule = rules[tag];
    if (!rule) return;
    const v = el[rule[0]];
    if (v !== undefined && (typeof v !== 'string' || !rule[1].test(v))) {
      this.add(`${p} -> ${rule[0]}`, `${rule[0]} has the wrong format`);
    }
  }

  private checkChart(el: Json, p: string): void {
    const spec = el.chart_spec;
    if (!isObj(spec)) {
      this.add(`${p} -> chart_spec`, 'chart spec is invalid: chart_spec object is required', 200550);
      return;
    }
    if (typeof spec.type !== 'string')
      this.add(`${p} -> chart_spec`, 'chart spec is invalid: type is required', 200550);
    if (spec.data !== undefined && !isObj(spec.data) && !Array.isArray(spec.data)) {
      this.add(
        `${p} -> chart_spec -> data`,
        'chart spec is invalid: data must be an object or array',
        200550,
      );
    }
  }

  private checkTable(el: Json, p: string): void {
    this.tables += 1;
    const names = new Set<string>();
    if (!Array.isArray(el.columns) || el.columns.length === 0)
      this.add(`${p} -> columns`, 'table.columns is required');
    else {
      el.columns.forEach((c, i) => {
        const cp = `${p} -> columns -> [${i}]`;
        if (!isObj(c) || typeof c.name !== 'string') {
          this.add(cp, 'table column needs a name');
          return;
        }
        names.add(c.name);
        if (c.data_type !== undefined && !TABLE_DATA_TYPES.has(String(c.data_type))) {
          this.add(`${cp} -> data_type`, `unknown data_type ${String(c.data_type)}`);
        }
      });
    }
    if (!Array.isArray(el.rows)) {
      this.add(`${p} -> rows`, 'table.rows must be an array', 200914);
      return;
    }
    el.rows.forEach((r, i) => {
      if (!isObj(r)) {
        this.add(`${p} -> rows -> [${i}]`, 'table row must be an object', 200914);
        return;
      }
      for (const k of Object.keys(r)) {
        if (!names.has(k))
          this.add(`${p} -> rows -> [${i}]`, `row key "${k}" is not declared in columns`, 200915);
      }
    });
    if (
      el.page_size !== undefined &&
      !(Number.isInteger(el.page_size) && Number(el.page_size) >= 1 && Number(el.page_size) <= 10)
    ) {
      this.add(`${p} -> page_size`, 'table.page_size must be 1-10');
    }
  }

  private checkBehaviors(el: Json, p: string): void {
    if (!Array.isArray(el.behaviors)) {
      this.add(`${p} -> behaviors`, 'behaviors must be an array');
      return;
    }
    el.behaviors.forEach((b, i) => {
      const bp = `${p} -> behaviors -> [${i}]`;
      if (!isObj(b)) {
        this.add(bp, 'behavior must be an object');
        return;
      }
      if (b.type === 'open_url') {
        if (typeof b.default_url !== 'string') this.add(bp, 'open_url behavior needs default_url');
        if (el.tag !== 'button' && el.tag !== 'interactive_container') {
          this.add(bp, 'open_url behaviors are only valid on button and interactive_container (R3.1)');
        }
      } else if (b.type === 'callback') {
        if (b.value === undefined || (!isObj(b.value) && typeof b.value !== 'string')) {
          this.add(bp, 'callback behavior needs a value object');
        }
      } else {
        this.add(bp, `unknown behavior type ${String(b.type)}`);
      }
    });
  }

  private checkText(t: unknown, p: string, tags: string[], maxLen?: number): void {
    if (!isObj(t)) {
      this.add(p, `text object required (tag ${tags.join('|')})`);
      return;
    }
    if (!tags.includes(String(t.tag)))
      this.add(`${p} -> tag`, `tag must be ${tags.join(' or ')}, got ${String(t.tag)}`);
    if (typeof t.content !== 'string' && !isObj(t.i18n_content))
      this.add(`${p} -> content`, 'content must be a string');
    if (maxLen !== undefined && typeof t.content === 'string' && [...t.content].length > maxLen) {
      this.add(`${p} -> content`, `content is longer than ${maxLen} characters (R4.7)`);
    }
    this.checkElementId(t, p);
  }

  private checkElementId(o: Json, p: string): void {
    if (o.element_id === undefined) return;
    const id = o.element_id;
    if (typeof id !== 'string' || !ELEMENT_ID_RE.test(id)) {
      this.add(`${p} -> element_id`, `element_id "${String(id)}" must match ${ELEMENT_ID_RE.source} (R1.18)`);
      return;
    }
    if (this.elementIds.has(id)) this.add(`${p} -> element_id`, `duplicate element_id "${id}" (R1.18)`);
    this.elementIds.add(id);
  }

  private requireString(o: Json, key: string, p: string): void {
    if (typeof o[key] !== 'string' || o[key] === '') this.add(`${p} -> ${key}`, `${key} is required`);
  }

  private requireArrayOf(o: Json, key: string, p: string, each: (item: Json, ip: string) => void): void {
    const v = o[key];
    if (!Array.isArray(v) || v.length === 0) {
      this.add(`${p} -> ${key}`, `${key} is required (non-empty array)`);
      return;
    }
    v.forEach((item, i) => {
      const ip = `${p} -> ${key} -> [${i}]`;
      if (!isObj(item)) this.add(ip, 'item must be an object');
      else each(item, ip);
    });
  }
}

function legacyFormAction(actionType: unknown): string | undefined {
  if (actionType === 'form_submit') return 'submit';
  if (actionType === 'form_reset') return 'reset';
  return undefined;
}

/** Counts every object with a `tag` key under `header` and `body` (strictest reading of R4.5). */
export function countComponents(card: unknown): number {
  if (!isObj(card)) return 0;
  let n = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
    } else if (isObj(v)) {
      if (typeof v.tag === 'string') n += 1;
      for (const x of Object.values(v)) visit(x);
    }
  };
  visit(card.header);
  visit(card.body);
  return n;
}

/** UTF-8 byte length of the serialized card (R4.6). */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Checks a card JSON 2.0 object against every enforced rule; returns problems with API codes. */
export function checkCard(card: unknown, opts: CardCheckOptions = {}): CardProblem[] {
  if (!isObj(card)) {
    return [
      {
        code: 230099,
        subCode: 200621,
        path: 'ROOT',
        message: 'parse card json err: the card must be a JSON object',
      },
    ];
  }
  const problems: CardProblem[] = [];
  const bytes = cardBytes(card);
  const maxBytes = opts.maxBytes ?? MAX_CARD_BYTES;
  if (bytes > maxBytes) {
    problems.push({
      code: 230025,
      path: 'ROOT',
      message: `card is ${bytes} bytes, over the ${maxBytes}-byte limit (R4.6)`,
    });
  }
  const count = countComponents(card);
  const maxComponents = opts.maxComponents ?? MAX_COMPONENTS;
  if (count > maxComponents) {
    problems.push({
      code: 230099,
      subCode: 11310,
      path: 'ROOT -> body',
      message: `element exceeds the limit: ${count} components and elements, at most ${maxComponents} (R4.5)`,
    });
  }
  const checker = new Checker(card);
  checker.run();
  return [...problems, ...checker.problems];
}

/**
 * Validates a card JSON 2.0 object. Returns a list of human-readable problems (`path: message`),
 * empty when the card is valid. Usable directly from card-builder tests.
 */
export function validateCard(card: unknown, opts?: CardCheckOptions): string[] {
  return checkCard(card, opts).map((p) => `${p.path}: ${p.message}`);
}

/**
 * DOC-AMBIG / COMMUNITY findings that are not errors (the platform may accept the card) but usually
 * mean a bug: a button with a legacy top-level `value` and no callback behavior (R3.6: on 2.0 it
 * does not call back), an interactive component outside a form without `behaviors` (R3.3), a chart
 * inside a form (R3.11).
 */
export function cardWarnings(card: unknown): string[] {
  const out: string[] = [];
  const walk = (list: unknown, p: string, inForm: boolean): void => {
    if (!Array.isArray(list)) return;
    list.forEach((el, i) => {
      if (!isObj(el)) return;
      const ep = `${p} -> [${i}](tag: ${String(el.tag)})`;
      const tag = String(el.tag);
      const hasCallback =
        Array.isArray(el.behaviors) && el.behaviors.some((b) => isObj(b) && b.type === 'callback');
      if (tag === 'button' && el.value !== undefined && !hasCallback) {
        out.push(
          `${ep}: button has a top-level value but no callback behavior; 2.0 buttons do not send it (R3.6)`,
        );
      }
      if (
        !inForm &&
        FORM_FIELD_TAGS.has(tag) &&
        tag !== 'checker' &&
        el.behaviors === undefined &&
        el.value === undefined
      ) {
        out.push(`${ep}: interactive component without behaviors (R3.3)`);
      }
      if (inForm && tag === 'chart') out.push(`${ep}: chart inside a form (R3.11, DOC-AMBIG)`);
      const nextForm = inForm || tag === 'form';
      walk(el.elements, `${ep} -> elements`, nextForm);
      if (Array.isArray(el.columns)) {
        el.columns.forEach((c, ci) => {
          if (isObj(c)) walk(c.elements, `${ep} -> columns -> [${ci}] -> elements`, nextForm);
        });
      }
    });
  };
  if (isObj(card) && isObj(card.body)) walk(card.body.elements, 'ROOT -> body -> elements', false);
  return out;
}
