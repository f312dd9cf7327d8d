import { DEFAULT_SPAN_LIMIT, type OutputKind, renderUserSpans, USER_CLOSE, USER_OPEN } from './escape.js';

/** The platform refuses cards over 30 KB (230025); rendered cards stay under this. */
export const CARD_BYTE_BUDGET = 28 * 1024;

/**
 * Span limits tried in turn until a card with user text fits {@link CARD_BYTE_BUDGET}. One value
 * of any length fits at the last; a list of many long values is the builder's to page or cut.
 */
const SHRINKING_LIMITS = [DEFAULT_SPAN_LIMIT.markdown, 600, 160];

function hasMarks(value: string): boolean {
  return value.includes(USER_OPEN) || value.includes(USER_CLOSE);
}

/** Markdown text objects and components (`markdown`, `lark_md`); everything else shows as typed. */
function kindOf(node: Record<string, unknown>): OutputKind {
  return node.tag === 'markdown' || node.tag === 'lark_md' ? 'markdown' : 'plain';
}

function renderNode(node: unknown, kind: OutputKind, limit: number, seen: { marks: boolean }): unknown {
  if (typeof node === 'string') {
    if (!hasMarks(node)) return node;
    seen.marks = true;
    return renderUserSpans(node, kind, limit);
  }
  if (Array.isArray(node)) return node.map((item) => renderNode(item, kind, limit, seen));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const tagged = typeof record.tag === 'string';
  const own = kindOf(record);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    // A component's or text object's `content` / `i18n_content` is its text; its other fields
    // (labels, options, values) are plain. Untagged objects (i18n maps, header) inherit.
    const fieldKind = !tagged ? kind : key === 'content' || key === 'i18n_content' ? own : 'plain';
    out[key] = renderNode(value, fieldKind, limit, seen);
  }
  return out;
}

/**
 * Escapes every user-text span of a card for where it sits (markdown or plain text) and, when
 * the card would exceed {@link CARD_BYTE_BUDGET}, shortens the spans (…) until it fits.
 * A card without marks comes back unchanged (same object).
 */
export function renderCardUserText<T>(card: T): T {
  const seen = { marks: false };
  let rendered = renderNode(card, 'plain', SHRINKING_LIMITS[0]!, seen);
  if (!seen.marks) return card;
  for (const limit of SHRINKING_LIMITS.slice(1)) {
    if (Buffer.byteLength(JSON.stringify(rendered), 'utf8') <= CARD_BYTE_BUDGET) break;
    rendered = renderNode(card, 'plain', limit, { marks: false });
  }
  return rendered as T;
}
