import type { Translate } from '../src/i18n/index.js';
import { card, divider, escapeMarkdown, markdown, note } from './elements.js';
import type { Card, CardElement } from './types.js';

/** One audit entry as shown: every field already formatted for the reader. */
export interface AuditLine {
  time: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  refused: boolean;
  /** "before → after" in short form, or '' when nothing changed hands. */
  change: string;
  detail: string;
}

/** Entries per markdown block (keeps each block small). */
const PER_BLOCK = 10;

/** Card JSON budget: Feishu refuses cards over 30 KB (230025); keep a margin. */
const MAX_CARD_BYTES = 28 * 1024;

function paragraph(l: AuditLine): string {
  const outcome = l.refused
    ? `<font color='red'>${escapeMarkdown(l.outcome)}</font>`
    : escapeMarkdown(l.outcome);
  const head = [l.actor, l.action, l.target].filter(Boolean).map(escapeMarkdown).join(' · ');
  const rest = [l.change, l.detail].filter(Boolean).map(escapeMarkdown);
  return [`**${escapeMarkdown(l.time)}** ${head} · ${outcome}`, ...rest].join('\n');
}

function build(t: Translate, lines: AuditLine[], timezone: string, truncatedFrom?: number): Card {
  const paragraphs = lines.map(paragraph);
  const blocks: CardElement[] = [];
  for (let i = 0; i < paragraphs.length; i += PER_BLOCK) {
    blocks.push(markdown(paragraphs.slice(i, i + PER_BLOCK).join('\n\n')));
  }
  const notes = [t('audit.footer', { timezone })];
  if (truncatedFrom !== undefined)
    notes.unshift(t('audit.truncated', { shown: lines.length, asked: truncatedFrom }));
  return card(t('audit.title', { count: lines.length }), 'indigo', [
    ...(blocks.length > 0 ? blocks : [markdown(t('audit.empty'))]),
    divider(),
    note(notes.join('\n')),
  ]);
}

/**
 * The `/audit [n]` card: newest first, one short paragraph per entry. When the entries would
 * make the card too large for Feishu, the oldest are left out and the card says so.
 */
export function buildAuditCard(t: Translate, lines: AuditLine[], timezone: string): Card {
  let shown = lines;
  for (;;) {
    const built = build(t, shown, timezone, shown.length < lines.length ? lines.length : undefined);
    if (shown.length <= 1 || Buffer.byteLength(JSON.stringify(built), 'utf8') <= MAX_CARD_BYTES) return built;
    shown = shown.slice(0, Math.max(1, Math.floor(shown.length * 0.9)));
  }
}
