/** A readable transcript of everything said in the emulator's world (demo output, debugging). */
import { renderMessageText } from './render-text.js';
import type { StoredMessage, World } from './world.js';

/** Options of {@link renderTranscript}. */
export interface TranscriptOptions {
  locale?: string;
  /** Only this chat. */
  chatId?: string;
  /** Only messages created at or after this clock time (ms). */
  since?: number;
  /** Bot display name (default 机器人). */
  botName?: string;
}

/** Shows `@ou_…` (a rendered `<at id=…>`) as the person's name when the world knows them. */
function namePeople(world: World, text: string): string {
  return text.replace(/@(ou_[A-Za-z0-9_]+)/g, (whole, id: string) => {
    const name = world.users.get(id)?.name;
    return name ? `@${name}` : whole;
  });
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/**
 * Renders inbound and outbound messages in time order, e.g.
 * `[清廉机关工作群] 张三: @_user_1 /help` then `[清廉机关工作群] 机器人 (card):` with the card text
 * indented, and each later card update as `  ↳ 更新 (patch)` with the new text.
 */
export function renderTranscript(world: World, opts: TranscriptOptions = {}): string {
  const all: StoredMessage[] = [...world.inbound, ...world.messages]
    .filter((m) => (opts.chatId ? m.chatId === opts.chatId : true))
    .filter((m) => (opts.since !== undefined ? m.createTime >= opts.since : true))
    .sort((a, b) => a.createTime - b.createTime);
  const lines: string[] = [];
  for (const m of all) {
    const chat = world.chats.get(m.chatId);
    const where =
      chat?.chatType === 'p2p'
        ? `私聊 ${world.users.get(chat.members[0] ?? '')?.name ?? ''}`
        : (chat?.name ?? m.chatId);
    const who =
      m.senderType === 'app' ? (opts.botName ?? '机器人') : (world.users.get(m.senderId)?.name ?? m.senderId);
    const kind = m.msgType === 'interactive' ? ' (card)' : '';
    const reply = m.parentId ? ' ↩' : '';
    lines.push(`[${where}] ${who}${kind}${reply}:`);
    let text = renderMessageText(m.msgType, m.content, opts.locale);
    for (const mention of m.mentions ?? []) text = text.split(mention.key).join(`@${mention.name}`);
    text = namePeople(world, text);
    lines.push(indent(text));
    for (const u of m.updates) {
      lines.push(`  ↳ 更新 (${u.via}):`);
      lines.push(indent(namePeople(world, renderMessageText('interactive', u.content, opts.locale))));
    }
    for (const u of m.urgent) {
      const names = u.userIds.map((id) => world.users.get(id)?.name ?? id).join('、');
      lines.push(`  ↳ 加急: ${names}`);
    }
  }
  return lines.join('\n');
}
