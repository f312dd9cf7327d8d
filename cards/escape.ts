/**
 * User text in outgoing messages: marked where it is interpolated, escaped where it leaves.
 *
 * A value a person typed (or a contact name, a file cell, a stored title) is wrapped in two
 * invisible marks — U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE — by
 * {@link userText}; the i18n `t()` does this for every string placeholder. The marks survive
 * concatenation, so the sink that finally serialises a message knows exactly which spans are
 * user text and escapes them for its output kind (one function per kind, below):
 *
 * - card `markdown` / `lark_md`: the HTML escapes of the 富文本 page's 特殊字符转义 table
 *   (`&#60;` for `<`, `&#42;` for `*`, …) — no tag, mention, link or emphasis survives;
 * - text messages: `<at>`, `<b>`/`<i>`/`<u>`/`<s>` and `[text](url)` are parsed there and the
 *   message-content docs give no escape, so `<`, `>`, `[`, `]` become their full-width forms;
 * - `plain_text` (titles, buttons, options, toasts): shown as typed.
 *
 * Every kind also drops bidi and zero-width controls (they could reorder or hide what is shown)
 * and caps the span (with …) so a 100k-character value cannot push a card past 30 KB.
 * Marks the bot means to make (mentions) are built from ids by {@link cardMention} /
 * {@link textMention} and passed to `t()` wrapped in {@link markup}, never from user text.
 * Pure: cards import it; it imports nothing.
 */

/** Opens a user-text span (U+2068 FIRST STRONG ISOLATE). */
export const USER_OPEN = '\u2068';
/** Closes a user-text span (U+2069 POP DIRECTIONAL ISOLATE). */
export const USER_CLOSE = '\u2069';

/** Where a string ends up. */
export type OutputKind = 'markdown' | 'text' | 'plain';

/** Bot-built markup (mentions, pre-rendered lines) that `t()` inserts as is. */
export interface Markup {
  readonly markup: string;
}

/** Wraps bot-built markup so `t()` inserts it unescaped; never wrap anything a person typed. */
export function markup(value: string): Markup {
  return { markup: value };
}

/**
 * Bidi embeddings / overrides / isolates (U+202A–U+202E, U+2066–U+2069), LRM / RLM / ALM,
 * zero-width space / non-joiner, word joiner and invisible operators, BOM, and C0 controls other
 * than tab and newline. The zero-width joiner (emoji sequences) stays.
 */
const INVISIBLE_CLASS =
  '\\u0000-\\u0008\\u000b-\\u001f\\u007f\\u061c\\u200b\\u200c\\u200e\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff';
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'g');

/** Removes the characters that could reorder or hide what is shown (see {@link INVISIBLE}). */
export function stripInvisible(value: string): string {
  return value.replace(INVISIBLE, '');
}

/** Longest value left unmarked when it holds nothing to escape: never shortened by a card. */
const SHORT_SAFE = 40;

/**
 * What could be read as markup by some output kind, or hidden / reordered: markdown and text
 * delimiters, `://` and `:emoji:`, a line starting a heading, list or quote, invisible controls.
 */
const NEEDS_ESCAPE = new RegExp(
  `[&<>*_~\`[\\]|\\\\${INVISIBLE_CLASS}]|:\\/\\/|:\\w+:|(?:^|\\n)[ \\t]*(?:[#+-]|\\d+[.)])`,
);

/**
 * Marks `value` as user text (its own marks and invisible controls removed). A short value with
 * nothing to escape is returned as is: every sink would show it unchanged anyway.
 */
export function userText(value: string): string {
  if (value.length <= SHORT_SAFE && !NEEDS_ESCAPE.test(value)) return value;
  return `${USER_OPEN}${stripInvisible(value)}${USER_CLOSE}`;
}

/** The string without user-text marks (for logs, files and comparisons). */
export function stripMarks(value: string): string {
  return value.includes(USER_OPEN) || value.includes(USER_CLOSE)
    ? value.replace(/[\u2068\u2069]/g, '')
    : value;
}

/** At most `max` code points of `value`, ending in … when cut. */
export function truncateText(value: string, max: number): string {
  if (value.length <= max) return value;
  const points = Array.from(value);
  return points.length <= max ? value : `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Characters card markdown would read anywhere, with the escapes of the 富文本 特殊字符转义 table. */
const MARKDOWN_ESCAPES: Record<string, string> = {
  '&': '&#38;',
  '<': '&#60;',
  '>': '&#62;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '#': '&#35;',
  '+': '&#43;',
  '-': '&#45;',
  '!': '&#33;',
  '|': '&#124;',
  '\\': '&#92;',
  ':': '&#58;',
  '"': '&#34;',
  "'": '&#39;',
  $: '&#36;',
};
const MARKDOWN_SPECIAL = /[&<>*_~`[\]()!|\\"'$]/g;

/**
 * Escapes one user value for card `markdown` / `lark_md`: tags (`<at>`, `<font>`, `</font>`,
 * `<text_tag>`, `<a>`, `<link>`), links `[x](url)` and bare `https://` links, emphasis,
 * headings, lists, quotes, tables, `:EMOJI:` and `&` entities all show as typed. `#`, `-`, `+`
 * and `1.` are escaped where they start a line (the value may start one), `:` where it would
 * make a link or an emoji.
 */
export function escapeCardMarkdown(value: string): string {
  return value
    .replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_ESCAPES[c] ?? c)
    .replace(/:(?=\/\/)|:(?=\w+:)/g, '&#58;')
    .replace(
      /(^|\n)([ \t]*)([#+-])/g,
      (_m, start: string, indent: string, lead: string) => `${start}${indent}${MARKDOWN_ESCAPES[lead]}`,
    )
    .replace(/(^|\n)([ \t]*\d+)\./g, '$1$2&#46;');
}

const TEXT_ESCAPES: Record<string, string> = { '<': '＜', '>': '＞', '[': '［', ']': '］' };

/**
 * Neutralises one user value for a text message, where `<at …>`, `<b>`, `<i>`, `<u>`, `<s>` and
 * `[text](url)` are markup: the four delimiters become their full-width look-alikes.
 */
export function escapeTextMessage(value: string): string {
  return value.replace(/[<>[\]]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Longest user span kept per kind, in code points, before the card / message budget applies. */
export const DEFAULT_SPAN_LIMIT: Record<OutputKind, number> = { markdown: 3000, text: 4000, plain: 3000 };

const SPAN = /\u2068([^\u2068\u2069]*)\u2069/g;

/**
 * Renders a string for its output kind: every marked span is cleaned, capped at `limit` code
 * points and escaped for `kind`; text outside spans is the bot's own and stays; stray marks go.
 */
export function renderUserSpans(value: string, kind: OutputKind, limit = DEFAULT_SPAN_LIMIT[kind]): string {
  if (!value.includes(USER_OPEN) && !value.includes(USER_CLOSE)) return value;
  const rendered = value.replace(SPAN, (_whole, inner: string) => {
    const shown = truncateText(stripInvisible(inner), limit);
    if (kind === 'markdown') return escapeCardMarkdown(shown);
    if (kind === 'text') return escapeTextMessage(shown);
    return shown;
  });
  return stripMarks(rendered);
}

/** A card mention of one person, built from an open_id the bot knows ('' for anything else). */
export function cardMention(openId: string): Markup {
  return markup(isOpenId(openId) ? `<at id=${openId}></at>` : '');
}

/** A text-message mention of one person, built from an open_id ('' for anything else). */
export function textMention(openId: string): string {
  return isOpenId(openId) ? `<at user_id="${openId}"></at>` : '';
}

/** True for an id that can only be an id (ou_ / on_ / a user_id of letters, digits, _ and -). */
export function isOpenId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) && id !== 'all';
}

const AUTHORED_LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)<>]{1,500})\)/g;

/**
 * Card markdown for text an admin or leader authored on purpose (clean-culture content bodies,
 * sign-off documents): emphasis, lists, line breaks and `http(s)` links `[text](url)` stay, as
 * the author meant them, and so do `> ` quotes; every tag is neutralised (`<at …>`, `<font>`,
 * `<a>`, `<link>` …: `<` and `&` become their HTML escapes, so no tag can open), as are links of
 * any other scheme, so such text can format itself but can never mention anyone.
 */
export function authoredMarkdown(value: string): string {
  const links: string[] = [];
  const held = stripInvisible(value)
    .replace(/\uE000/g, '')
    .replace(AUTHORED_LINK, (whole) => {
      links.push(whole.replace(/[&<]/g, (c) => MARKDOWN_ESCAPES[c] ?? c));
      return `\uE000${links.length - 1}\uE000`;
    });
  const escaped = held
    .replace(/[&<[\]]/g, (c) => MARKDOWN_ESCAPES[c] ?? c)
    .replace(/\(([a-z][a-z0-9+.-]*):/gi, '&#40;$1&#58;');
  return escaped.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => links[Number(i)] ?? '');
}
