/** A user @-mentioned in a command, resolved to an open_id by Feishu's mentions list. */
export interface Mention {
  openId: string;
  name: string;
}

/** One argument of a command: plain text or an @-mention. */
export type Token = { type: 'text'; value: string } | { type: 'mention'; mention: Mention };

/** The result of reading a chat message as a command. */
export type ParsedText =
  | { kind: 'empty' }
  | { kind: 'tokens'; tokens: Token[]; hadSlash: boolean }
  | { kind: 'error'; reason: 'unclosed_quote' };

/** Mentions as Feishu sends them with a message. */
export interface RawMention {
  key: string;
  openId?: string;
  name?: string;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」', '『': '』' };

/**
 * Splits message text into tokens. Mention keys (`@_user_1`) become mention tokens;
 * leading mentions (the bot itself, when @-ed in a group) and any mention of `botOpenId`
 * are dropped. Quoted arguments keep their spaces; full-width slash and spaces are normalised.
 */
export function tokenize(text: string, mentions: RawMention[] = [], botOpenId?: string): ParsedText {
  const byKey = new Map(mentions.map((m) => [m.key, m]));
  const normalised = text
    .replace(/\u3000/g, ' ')
    .replace(/\r\n?/g, '\n')
    .trim();
  const tokens: Token[] = [];
  let i = 0;
  let seenText = false;
  while (i < normalised.length) {
    const ch = normalised[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    if (close) {
      const end = normalised.indexOf(close, i + 1);
      if (end < 0) return { kind: 'error', reason: 'unclosed_quote' };
      tokens.push({ type: 'text', value: normalised.slice(i + 1, end) });
      seenText = true;
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < normalised.length && !/\s/.test(normalised[j]!)) j++;
    const word = normalised.slice(i, j);
    i = j;
    const mention = byKey.get(word);
    if (mention) {
      const isBot = botOpenId !== undefined && mention.openId === botOpenId;
      if (!seenText || isBot || !mention.openId) continue;
      tokens.push({ type: 'mention', mention: { openId: mention.openId, name: mention.name ?? '' } });
      continue;
    }
    tokens.push({ type: 'text', value: word });
    seenText = true;
  }
  if (tokens.length === 0) return { kind: 'empty' };
  const first = tokens[0]!;
  let hadSlash = false;
  if (first.type === 'text' && /^[/／]/.test(first.value)) {
    hadSlash = true;
    first.value = first.value.slice(1);
    if (first.value === '') tokens.shift();
  }
  if (tokens.length === 0) return { kind: 'empty' };
  return { kind: 'tokens', tokens, hadSlash };
}
