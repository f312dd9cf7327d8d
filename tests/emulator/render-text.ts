/**
 * Plain-text rendering of card JSON 2.0 for demo transcripts and test assertions:
 * header title as 【title】, text and markdown as lines, buttons as [按钮], form fields as
 * `label: [____]`, column sets side by side with " | ", charts and tables as short lines.
 */

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function normLocale(locale: string | undefined): string {
  return (locale ?? 'zh_cn').toLowerCase().replace('-', '_');
}

/** Text of a text object (`{tag, content, i18n_content}`) or a plain string. */
function textOf(t: unknown, locale: string): string {
  if (typeof t === 'string') return t;
  if (!isObj(t)) return '';
  const i18n = isObj(t.i18n_content) ? t.i18n_content[locale] : undefined;
  const content = typeof i18n === 'string' ? i18n : typeof t.content === 'string' ? t.content : '';
  return t.tag === 'plain_text' ? content : cleanMarkdown(content);
}

/** Strips the HTML-like tags Feishu markdown allows, keeping their text; `<at id=x>` becomes `@x`. */
export function cleanMarkdown(md: string): string {
  return md
    .replace(
      /<at\s+(?:id|user_id|ids|email)=["']?([^"'\s>]+)["']?\s*>(.*?)<\/at>/g,
      (_m, id: string, name: string) => `@${name || id}`,
    )
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<hr\s*\/?>/g, '────')
    .replace(/<\/?(?:font|text_tag|link|a|raw|number_tag|local_datetime|person)\b[^>]*>/g, '')
    .replace(/\\([\\*_~`[\]<>#|])/g, '$1')
    .replace(/&(#\d+|lt|gt|amp|quot|nbsp|sim);/g, (_m, name: string) => decodeEntity(name));
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', nbsp: ' ', sim: '~' };

/** One HTML entity as the client shows it (`&#60;` and the named ones the escape table uses). */
function decodeEntity(name: string): string {
  if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
  return NAMED_ENTITIES[name] ?? `&${name};`;
}

function label(el: Json, locale: string): string {
  const l = textOf(el.label, locale) || textOf(el.placeholder, locale);
  return l || String(el.name ?? el.tag);
}

function optionsText(el: Json, locale: string): string {
  if (!Array.isArray(el.options)) return '';
  const names = el.options
    .map((o) => (isObj(o) ? textOf(o.text, locale) || String(o.value ?? '') : ''))
    .filter(Boolean);
  return names.length ? ` (${names.join('/')})` : '';
}

function renderElements(list: unknown, locale: string): string[] {
  if (!Array.isArray(list)) return [];
  const lines: string[] = [];
  let buttons: string[] = [];
  const flush = () => {
    if (buttons.length) lines.push(buttons.join(' '));
    buttons = [];
  };
  for (const el of list) {
    if (isObj(el) && el.tag === 'button') {
      buttons.push(`[${textOf(el.text, locale) || String(el.name ?? 'button')}]`);
      continue;
    }
    flush();
    lines.push(...renderElement(el, locale));
  }
  flush();
  return lines;
}

function renderElement(el: unknown, locale: string): string[] {
  if (!isObj(el)) return [];
  const t = String(el.tag);
  switch (t) {
    case 'div': {
      const out: string[] = [];
      if (el.text !== undefined) out.push(textOf(el.text, locale));
      if (Array.isArray(el.fields)) for (const f of el.fields) if (isObj(f)) out.push(textOf(f.text, locale));
      return out.flatMap((s) => s.split('\n'));
    }
    case 'markdown': {
      const i18n = isObj(el.i18n_content) ? el.i18n_content[locale] : undefined;
      const content = typeof i18n === 'string' ? i18n : String(el.content ?? '');
      return cleanMarkdown(content).split('\n');
    }
    case 'hr':
      return ['────────'];
    case 'button':
      return [`[${textOf(el.text, locale) || String(el.name ?? 'button')}]`];
    case 'column_set': {
      const cols = Array.isArray(el.columns) ? el.columns : [];
      const parts = cols
        .map((c) => (isObj(c) ? renderElements(c.elements, locale).join(' ') : ''))
        .filter(Boolean);
      return parts.length ? [parts.join(' | ')] : [];
    }
    case 'form':
      return [`┌ 表单`, ...renderElements(el.elements, locale).map((l) => `│ ${l}`), '└'];
    case 'interactive_container':
      return renderElements(el.elements, locale);
    case 'collapsible_panel': {
      const title = isObj(el.header) ? textOf(el.header.title, locale) : '';
      return [`▸ ${title}`, ...renderElements(el.elements, locale).map((l) => `  ${l}`)];
    }
    case 'input':
      return [`${label(el, locale)}: [____]`];
    case 'select_static':
    case 'multi_select_static':
      return [`${label(el, locale)}: [▼]${optionsText(el, locale)}`];
    case 'select_person':
    case 'multi_select_person':
      return [`${label(el, locale)}: [选择人员 ▼]`];
    case 'date_picker':
    case 'picker_time':
    case 'picker_datetime': {
      const v = el.initial_date ?? el.initial_time ?? el.initial_datetime;
      return [`${label(el, locale)}: [${typeof v === 'string' ? v : '选择时间'}]`];
    }
    case 'checker':
      return [`${el.checked === true ? '☑' : '☐'} ${textOf(el.text, locale)}`];
    case 'overflow':
      return [`[⋯]${optionsText(el, locale)}`];
    case 'chart': {
      const spec = isObj(el.chart_spec) ? el.chart_spec : {};
      const title = isObj(spec.title) && typeof spec.title.text === 'string' ? spec.title.text : '';
      return [`[图表: ${String(spec.type ?? 'chart')}${title ? ` ${title}` : ''}]`];
    }
    case 'table':
      return renderTable(el, locale);
    case 'img':
      return [`[图片${textOf(el.alt, locale) ? `: ${textOf(el.alt, locale)}` : ''}]`];
    case 'img_combination':
      return ['[图片组]'];
    case 'person':
      return [`@${String(el.user_id ?? '')}`];
    case 'person_list':
      return [
        (Array.isArray(el.persons) ? el.persons : [])
          .map((p) => (isObj(p) ? `@${String(p.id)}` : ''))
          .join(' '),
      ];
    case 'audio':
      return ['[语音]'];
    case 'select_img':
      return [`[图片选择]`];
    default:
      return [];
  }
}

function renderTable(el: Json, locale: string): string[] {
  const cols = (Array.isArray(el.columns) ? el.columns : []).filter(isObj);
  const head = cols.map((c) => String(c.display_name ?? c.name ?? '')).join(' | ');
  const rows = (Array.isArray(el.rows) ? el.rows : []).filter(isObj).map((r) =>
    cols
      .map((c) => {
        const v = r[String(c.name)];
        if (Array.isArray(v)) return v.map((x) => (isObj(x) ? textOf(x.text, locale) : String(x))).join(',');
        return v === undefined ? '' : String(v);
      })
      .join(' | '),
  );
  return [head, ...rows];
}

/** Renders a card JSON 2.0 (or a template reference) as readable plain text. `locale`: zh_cn (default) or en_us. */
export function renderCardText(card: unknown, locale?: string): string {
  const loc = normLocale(locale);
  if (!isObj(card)) return '';
  if ((card.type === 'template' || card.type === 'card') && isObj(card.data)) {
    return `[${card.type === 'template' ? '模板卡片' : '卡片实体'} ${String(card.data.template_id ?? card.data.card_id ?? '')}]`;
  }
  const lines: string[] = [];
  if (isObj(card.header)) {
    const h = card.header;
    const tags = Array.isArray(h.text_tag_list)
      ? h.text_tag_list.map((t) => (isObj(t) ? ` [${textOf(t.text, loc)}]` : '')).join('')
      : '';
    lines.push(`【${textOf(h.title, loc)}】${tags}`);
    const sub = textOf(h.subtitle, loc);
    if (sub) lines.push(sub);
  }
  if (isObj(card.body)) lines.push(...renderElements(card.body.elements, loc));
  return lines.join('\n');
}

/** Renders any stored message content: text → its text, cards → {@link renderCardText}, others → [msg_type]. */
export function renderMessageText(msgType: string, content: unknown, locale?: string): string {
  if (msgType === 'interactive') return renderCardText(content, locale);
  if (isObj(content) && typeof content.text === 'string') return content.text;
  if (msgType === 'file' && isObj(content))
    return `[文件: ${String(content.file_name ?? content.file_key ?? '')}]`;
  return `[${msgType}]`;
}
