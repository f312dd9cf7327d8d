import type { Card } from '../../cards/types.js';
import type { OutboxFileType } from './outbox.js';

/** A file to send as a file message (at most 10 MB; CSV and XLSX go as `stream` / `xls`). */
export interface OutgoingFile {
  fileName: string;
  fileType: OutboxFileType;
  bytes: Buffer;
}

/** Where a new message goes. */
export type Target = { chatId: string } | { openId: string };

/**
 * Everything handlers and jobs send goes through here. Each call names a unique,
 * deterministic `key` (event id + sequence, or job + period + recipient): sending the
 * same key twice — a retried event, a re-run job, a second instance — sends once.
 */
export interface Messenger {
  sendText(key: string, to: Target, text: string): Promise<void>;
  sendCard(key: string, to: Target, card: Card): Promise<void>;
  /**
   * The same card to many targets, each under its own key, written in one batch (broadcasts,
   * polls, sign-off requests). Returns how many were newly queued (inactive chats and keys
   * already queued are not).
   */
  sendCardToMany(items: ReadonlyArray<{ key: string; to: Target }>, card: Card): Promise<number>;
  /**
   * Many texts, each to its target under its own key, written in one batch (a tick's reminders).
   * Returns how many were newly queued (inactive chats and keys already queued are not).
   */
  sendTextToMany(items: ReadonlyArray<{ key: string; to: Target; text: string }>): Promise<number>;
  /**
   * Replies to a message; `chatId` (when known) orders it with that chat's other messages;
   * `p2pUser` (in a private chat) also counts it against that person's per-user limit.
   */
  replyText(key: string, messageId: string, text: string, chatId?: string, p2pUser?: string): Promise<void>;
  replyCard(key: string, messageId: string, card: Card, chatId?: string, p2pUser?: string): Promise<void>;
  /** Replaces a card the bot sent, by its message id or the outbox key that sent it. */
  patchCard(key: string, message: { messageId: string } | { outboxKey: string }, card: Card): Promise<void>;
  /** Delayed update after a card callback, with the callback's token (30 min, 2 uses). */
  updateCardByToken(key: string, token: string, card: Card): Promise<void>;
  /** Sends a file (uploaded, then sent as a file message). */
  sendFile(key: string, to: Target, file: OutgoingFile): Promise<void>;
  /** In-app buzz on a message the bot sent. */
  urgent(
    key: string,
    message: { messageId: string } | { outboxKey: string },
    openIds: string[],
  ): Promise<void>;
}
