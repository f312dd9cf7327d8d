import { authoredMarkdown } from './escape.js';
import type { Translate } from '../src/i18n/index.js';
import { callbackButton, card, divider, escapeMarkdown, markdown, note, type Tone } from './elements.js';
import { form, submitButton } from './form-fields.js';
import type { Card, CardElement } from './types.js';

/** Action names of the signer card. */
export const PLEDGE_ACTIONS = { open: 'pledge.open', sign: 'pledge.sign' } as const;
/** The typed-name field of the confirmation form. */
export const PLEDGE_NAME_FIELD = 'pledge_name';
/** Cards stay below this many bytes of JSON (Feishu refuses more than 30 KB: 230025). */
export const PLEDGE_CARD_MAX_BYTES = 28_000;
/** A text longer than this goes into collapsible panels. */
const INLINE_CHARS = 600;
/** Characters per collapsible panel. */
const PANEL_CHARS = 1500;

/** What the signer card shows (names and times already formatted). */
export interface PledgeCardData {
  id: string;
  title: string;
  kindLabel: string;
  version: number;
  hash: string;
  deadline: string;
  creatorName: string;
  text: string;
  /**
   * pending: the 阅读并签署 button; form: the typed-name confirmation; signed: 已签署 with the
   * time; superseded: an old version, sign the new card instead.
   */
  mode: 'pending' | 'form' | 'signed' | 'superseded';
  signedAt?: string;
  signedName?: string;
  /** The current version number (for `superseded`). */
  currentVersion?: number;
}

/**
 * The document text as card markdown, rendered here (not marked): the author's emphasis and
 * http(s) links stay, tags and mentions are neutralised ({@link authoredMarkdown}); the builder
 * measures the rendered parts itself and says 全文过长 rather than letting `card()` shorten them.
 */
export function safeMarkdown(text: string): string {
  return authoredMarkdown(text);
}

/** Splits a text into parts of at most `size` characters, at paragraph or line ends when possible. */
export function splitText(text: string, size = PANEL_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const window = rest.slice(0, size);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    const at = cut > size / 3 ? cut + 1 : size;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.trim() !== '' || parts.length === 0) parts.push(rest);
  return parts;
}

/** The text: inline when short, else one collapsible panel per part (the first one open). */
export function textElements(t: Translate, text: string): CardElement[] {
  if (text.length <= INLINE_CHARS) return [markdown(safeMarkdown(text))];
  const parts = splitText(text);
  return parts.map((part, i) => ({
    tag: 'collapsible_panel',
    expanded: i === 0,
    header: {
      title: { tag: 'plain_text', content: t('pledge.card.part', { n: i + 1, total: parts.length }) },
    },
    elements: [markdown(safeMarkdown(part))],
  }));
}

function tone(mode: PledgeCardData['mode']): Tone {
  if (mode === 'signed') return 'green';
  if (mode === 'superseded') return 'grey';
  return 'orange';
}

function actions(t: Translate, data: PledgeCardData): CardElement[] {
  const value = { id: data.id, v: data.version };
  switch (data.mode) {
    case 'pending':
      return [callbackButton(t('pledge.card.readAndSign'), { a: PLEDGE_ACTIONS.open, ...value }, 'primary')];
    case 'form':
      return [
        form('pledge_sign_form', [
          markdown(t('pledge.card.confirmIntro')),
          {
            tag: 'input',
            name: PLEDGE_NAME_FIELD,
            required: true,
            max_length: 50,
            label: { tag: 'plain_text', content: t('pledge.card.nameLabel') },
            placeholder: { tag: 'plain_text', content: t('pledge.card.nameHint') },
          },
          submitButton('pledge_sign_btn', t('pledge.card.confirm'), { a: PLEDGE_ACTIONS.sign, ...value }),
        ]),
      ];
    case 'signed':
      return [
        markdown(
          t('pledge.card.signed', { at: data.signedAt ?? '', name: escapeMarkdown(data.signedName ?? '') }),
        ),
      ];
    case 'superseded':
      return [markdown(t('pledge.card.superseded', { version: data.currentVersion ?? data.version }))];
  }
}

/** Card JSON size in bytes (UTF-8), as Feishu counts it. */
export function cardSize(c: Card): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}

/** The signer card: facts, the version and its hash, the text, and the signing step. */
export function buildPledgeCard(t: Translate, data: PledgeCardData): Card {
  const facts = [
    t('pledge.card.kind', { kind: data.kindLabel }),
    t('pledge.card.creator', { name: escapeMarkdown(data.creatorName) }),
    t('pledge.card.deadline', { deadline: data.deadline }),
    t('pledge.card.version', { version: data.version, hash: data.hash.slice(0, 16) }),
  ];
  const head: CardElement[] = [markdown(facts.join('\n'))];
  if (data.version > 1 && data.mode !== 'signed')
    head.push(note(t('pledge.card.revised', { version: data.version })));
  const tail = [divider(), ...actions(t, data)];
  if (data.mode === 'pending' || data.mode === 'form') tail.push(note(t('pledge.card.footer')));
  const title = t('pledge.card.title', { kind: data.kindLabel, title: data.title });
  if (data.mode === 'superseded') return card(title, 'grey', actions(t, data));
  let text = data.text;
  for (;;) {
    const built = card(title, tone(data.mode), [...head, ...textElements(t, text), ...tail]);
    if (cardSize(built) <= PLEDGE_CARD_MAX_BYTES || text.length < 200) return built;
    // Never expected (texts are limited at creation); keep the card sendable all the same.
    text = `${text.slice(0, Math.floor(text.length * 0.8))}\n\n${t('pledge.card.truncated')}`;
  }
}
