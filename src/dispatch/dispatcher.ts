import { randomUUID } from 'node:crypto';
import { renderUserSpans } from '../../cards/escape.js';
import { renderCardUserText } from '../../cards/render-card.js';
import type { ActionRegistry, ActionResult } from '../actions/registry.js';
import type { CommandRegistry } from '../commands/registry.js';
import { describeRoles, runCommand } from '../commands/run-command.js';
import { tokenize } from '../commands/tokenize.js';
import { type ActorProfile, mayUse } from '../domain/access.js';
import { recordAudit } from '../domain/audit.js';
import { DEFAULT_LOCALE, i18nPair, translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import {
  cardActionSchema,
  checkEnvelope,
  type Envelope,
  messageReceiveSchema,
} from '../transport/envelope.js';
import type { BotServices, EventContext } from './context.js';
import {
  type ClaimedEvent,
  claimDedupeKey,
  claimEvent,
  type ExhaustedEvent,
  failEventAttempt,
  findStranded,
  finishEvent,
  freshlyClaimed,
  parkPoisonedEvent,
  recordEvent,
} from './inbox.js';
import { reportPoisonedEvent } from './poisoned-report.js';
import { WorkLimit } from './work-limit.js';

/** A handler for one event type other than messages and card actions. */
export type EventHandler = (ctx: EventContext, event: Record<string, unknown>) => Promise<void>;

/** A file a user sent to the bot. */
export interface IncomingFile {
  messageId: string;
  fileKey: string;
  fileName: string;
}

/** Handles a file message; resolves true when it took the file (else the sender gets a hint). */
export type FileHandler = (ctx: EventContext, file: IncomingFile) => Promise<boolean>;

/** The JSON body answered to a card callback. */
export interface CallbackResponse {
  toast?: { type: string; content: string; i18n?: Record<string, string> };
  card?: { type: 'raw'; data: unknown };
}

export interface DispatcherOptions {
  log: Logger;
  services: BotServices;
  commands: CommandRegistry;
  actions: ActionRegistry;
  events?: Record<string, EventHandler>;
  /** Files sent to the bot (imports); tried in order until one takes the file. */
  files?: FileHandler[];
  /** Unique per process; names the lease holder. */
  owner?: string;
  leaseMs?: number;
  /** How long a card callback may run before the toast-now, update-later path. */
  callbackBudgetMs?: number;
  /** Stored events processed at once (default 8); the others wait their turn in memory. */
  maxConcurrentEvents?: number;
  botOpenId?: string;
}

/**
 * Routes neutral events from any transport to handlers. Events are stored before they act
 * (exactly-once effects); card actions are answered within the callback budget.
 */
export class Dispatcher {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly budgetMs: number;
  private readonly limit: WorkLimit;

  constructor(private readonly opts: DispatcherOptions) {
    this.owner = opts.owner ?? `dispatch-${randomUUID()}`;
    this.leaseMs = opts.leaseMs ?? 120_000;
    this.budgetMs = opts.callbackBudgetMs ?? 2_500;
    this.limit = new WorkLimit(opts.maxConcurrentEvents ?? 8);
  }

  private get log(): Logger {
    return this.opts.log;
  }

  private now(): Date {
    return this.opts.services.clock.now();
  }

  /** Stores the event and starts processing it in the background. */
  async acceptEvent(envelope: Envelope): Promise<'accepted' | 'duplicate' | 'ignored'> {
    // Transports check shapes already; this keeps junk out of the inbox whatever the caller.
    const checked = checkEnvelope(envelope);
    if (!checked.ok) {
      this.log.warn(
        { eventId: checked.eventId, reason: checked.reason, path: checked.path },
        'event of the wrong shape ignored',
      );
      return 'ignored';
    }
    // The ack waits for this one write, stored already leased to this process (attempt 1).
    const now = this.now();
    const fresh = await recordEvent(envelope, now, { owner: this.owner, leaseMs: this.leaseMs });
    if (!fresh) {
      this.log.info({ eventId: envelope.header.event_id }, 'duplicate event ignored');
      return 'duplicate';
    }
    const claimed = freshlyClaimed(envelope, now);
    this.track(
      this.limit.run(() =>
        // Waited in line for half its lease: claim it again rather than race a recovering peer.
        this.now().getTime() - now.getTime() > this.leaseMs / 2
          ? this.processEvent(claimed._id)
          : this.runClaimed(claimed, envelope),
      ),
    );
    return 'accepted';
  }

  /** Resolves when every event being processed has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((error) => this.log.error({ err: error }, 'event processing crashed'));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Resumes events a crashed process stored but never finished. */
  async recoverStranded(limit = 50): Promise<number> {
    const now = this.now();
    const ids = await findStranded(now, new Date(now.getTime() - this.leaseMs), limit);
    for (const id of ids) this.track(this.limit.run(() => this.processEvent(id)));
    return ids.length;
  }

  /**
   * Processes one stored event under a lease; a no-op when another process has it. A run
   * that throws is retried later; one whose attempts are used up (crashes included) is parked
   * as poisoned and reported to the admins instead of run.
   */
  async processEvent(eventId: string, given?: Envelope): Promise<void> {
    const park = (event: ExhaustedEvent) => this.parkPoisoned(event);
    const claimed = await claimEvent(eventId, this.owner, this.now(), this.leaseMs, park);
    if (!claimed) return;
    await this.runClaimed(claimed, given);
  }

  /** Runs an event this process holds the lease of. */
  private async runClaimed(claimed: ClaimedEvent, given?: Envelope): Promise<void> {
    const eventId = claimed._id;
    const park = (event: ExhaustedEvent) => this.parkPoisoned(event);
    // A stored event is checked again: one that fails the edge schemas (stored by an older
    // version, or edited in the database) is finished as failed, never re-run.
    const checked = checkEnvelope(given ?? (claimed.envelope as Envelope));
    if (!checked.ok) {
      this.log.warn(
        { eventId, reason: checked.reason, path: checked.path },
        'stored event of the wrong shape parked',
      );
      await finishEvent(eventId, this.owner, 'failed', this.now(), `wrong shape: ${checked.reason}`);
      return;
    }
    const envelope = checked.envelope;
    const log = this.log.child({ eventId, eventType: envelope.header.event_type });
    try {
      const state = await this.route(envelope, log);
      await finishEvent(eventId, this.owner, state, this.now());
    } catch (error) {
      log.error({ err: error, attempt: claimed.attempts }, 'event handler failed');
      const spent = await failEventAttempt(claimed, this.owner, this.now(), String(error));
      if (spent) await park(spent);
    }
  }

  /** Reports first (idempotent per event and admin), then parks: a crash between repeats neither. */
  private async parkPoisoned(event: ExhaustedEvent): Promise<void> {
    await reportPoisonedEvent(this.opts.services, event, this.log);
    await parkPoisonedEvent(event.eventId, this.now());
  }

  private async route(envelope: Envelope, log: Logger): Promise<'done' | 'duplicate'> {
    const type = envelope.header.event_type;
    if (type === 'im.message.receive_v1') return this.onMessage(envelope, log);
    const handler = this.opts.events?.[type];
    if (!handler) {
      log.debug('no handler for event type');
      return 'done';
    }
    const operator = (envelope.event as { operator_id?: { open_id?: string } }).operator_id?.open_id ?? '';
    const ctx = await this.context(envelope.header.event_id, operator, log, {});
    await handler(ctx, envelope.event);
    return 'done';
  }

  private async onMessage(envelope: Envelope, log: Logger): Promise<'done' | 'duplicate'> {
    const parsed = messageReceiveSchema.safeParse(envelope.event);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues }, 'malformed message event');
      return 'done';
    }
    const { sender, message } = parsed.data;
    if (sender.sender_type !== 'user' || !sender.sender_id.open_id) return 'done';
    const eventId = envelope.header.event_id;
    if (!(await claimDedupeKey(`msg:${message.message_id}`, eventId, this.now()))) {
      log.info({ messageId: message.message_id }, 'message already handled under another event id');
      return 'duplicate';
    }
    const ctx = await this.context(eventId, sender.sender_id.open_id, log, {
      chat: { id: message.chat_id, type: message.chat_type === 'p2p' ? 'p2p' : 'group' },
      messageId: message.message_id,
    });
    if (message.message_type === 'file') {
      const file = readFile(message.content);
      for (const handler of this.opts.files ?? []) {
        if (file && (await handler(ctx, { messageId: message.message_id, ...file }))) return 'done';
      }
      if (ctx.chat?.type === 'p2p') await ctx.reply.text(ctx.t('cmd.fileNotExpected'));
      return 'done';
    }
    if (message.message_type !== 'text') {
      if (ctx.chat?.type === 'p2p') await ctx.reply.text(ctx.t('cmd.notCommand'));
      return 'done';
    }
    const text = readText(message.content);
    const mentions = (message.mentions ?? []).map((m) => ({
      key: m.key,
      openId: m.id.open_id,
      name: m.name,
    }));
    const outcome = await runCommand(ctx, this.opts.commands, tokenize(text, mentions, this.opts.botOpenId));
    log.debug({ outcome }, 'message handled');
    return 'done';
  }

  /** Answers a card callback within the budget; a slow handler gets a toast now and a delayed update. */
  async handleCardAction(envelope: Envelope): Promise<CallbackResponse> {
    const eventId = envelope.header.event_id;
    const log = this.log.child({ eventId, eventType: 'card.action.trigger' });
    const checked = checkEnvelope(envelope);
    if (!checked.ok) {
      log.warn({ reason: checked.reason, path: checked.path }, 'card action of the wrong shape refused');
      return toast('error', 'common.badAction');
    }
    const parsed = cardActionSchema.safeParse(envelope.event);
    const value = parsed.success ? parsed.data.action.value : undefined;
    const name = isRecord(value) && typeof value.a === 'string' ? value.a : undefined;
    const spec = name ? this.opts.actions.get(name) : undefined;
    if (!parsed.success || !spec || !isRecord(value)) {
      log.warn({ name }, 'card action not understood');
      return toast('error', 'common.badAction');
    }
    const stored = spec.private ? withoutAction(envelope, name as string) : envelope;
    const claim = { owner: this.owner, leaseMs: this.leaseMs };
    if (!(await recordEvent(stored, this.now(), claim))) return toast('info', 'common.duplicateAction');
    const { operator, action, context, token } = parsed.data;
    const openId = operator.open_id ?? '';
    const ctx = await this.context(eventId, openId, log, {
      chat: context?.open_chat_id ? { id: context.open_chat_id, type: 'group' } : undefined,
      messageId: context?.open_message_id,
    });
    if (!mayUse(ctx.actor.roles, spec.roles)) {
      log.warn({ action: name, actor: openId }, 'card action refused: role');
      await recordAudit(
        { actor: openId, action: `action:${name}`, outcome: 'refused', detail: 'role', eventId },
        this.now(),
      );
      await finishEvent(eventId, this.owner, 'done', this.now());
      return toResponse({
        toast: {
          type: 'error',
          content: ctx.t('action.forbidden', { roles: describeRoles(ctx.t, spec.roles) }),
        },
      });
    }
    const input = spec.input.safeParse({
      value,
      formValue: action.form_value ?? {},
      option: action.option,
      checked: action.checked,
      inputValue: action.input_value,
    });
    if (!input.success) {
      await finishEvent(eventId, this.owner, 'done', this.now());
      const custom = input.error.issues.find((i) => i.message.startsWith('i18n:'));
      if (custom)
        return toResponse({
          toast: { type: 'error', content: ctx.t(custom.message.slice(5) as 'common.badAction') },
        });
      return toast('error', 'common.badAction');
    }
    // The answer does not wait for the finish (tracked, so idle() does): a callback a crash left
    // unfinished is swept and finished without running again (no event handler takes callbacks).
    const work: Promise<ActionResult> = spec.run(ctx, input.data).then(
      (result) => {
        this.track(finishEvent(eventId, this.owner, 'done', this.now()));
        if (result.after) this.track(result.after);
        return result;
      },
      async (error: unknown) => {
        log.error({ err: error }, 'card action failed');
        await finishEvent(eventId, this.owner, 'failed', this.now(), String(error));
        const failed: ActionResult = { toast: { type: 'error', content: ctx.t('common.internalError') } };
        return failed;
      },
    );
    const timer = new Promise<'late'>((done) => setTimeout(() => done('late'), this.budgetMs).unref());
    const first = await Promise.race([work, timer]);
    if (first !== 'late') return toResponse(first);
    log.warn({ budgetMs: this.budgetMs }, 'card action over budget: toast now, card update later');
    this.track(
      work.then(async (result) => {
        if (result.card && token) {
          await this.opts.services.messenger.updateCardByToken(`${eventId}:card-update`, token, result.card);
        }
      }),
    );
    return toast('info', 'common.processing');
  }

  private async context(
    eventId: string,
    openId: string,
    log: Logger,
    where: Pick<EventContext, 'chat' | 'messageId'>,
  ): Promise<EventContext> {
    const { services } = this.opts;
    // Know every person who talks to the bot (name from the contact API, cached for a day); the
    // profile is built from that same read.
    const person = openId
      ? await services.directory.ensurePerson(openId).catch((error: unknown) => {
          log.warn({ err: error }, 'contact lookup failed');
          return undefined;
        })
      : undefined;
    const profile: ActorProfile = openId
      ? await services.access.profileOf(openId, person)
      : { roles: [], name: '', deptId: null, leads: [], locale: null };
    const locale = profile.locale ?? (await services.settings()).locale ?? DEFAULT_LOCALE;
    let seq = 0;
    const replyKey = () => `${eventId}:reply:${++seq}`;
    const replyTo = where.messageId;
    const chatId = where.chat?.id;
    const target = chatId ? { chatId } : { openId };
    // A reply in a private chat reaches the sender: it also takes their per-user limit.
    const p2pUser = where.chat?.type === 'p2p' && openId ? openId : undefined;
    return {
      eventId,
      actor: { openId, ...profile },
      ...where,
      locale,
      t: translator(locale),
      log: log.child({ actor: openId }),
      logWithoutActor: log,
      now: () => services.clock.now(),
      services,
      reply: {
        text: (text) =>
          replyTo
            ? services.messenger.replyText(replyKey(), replyTo, text, chatId, p2pUser)
            : services.messenger.sendText(replyKey(), target, text),
        card: (card) =>
          replyTo
            ? services.messenger.replyCard(replyKey(), replyTo, card, chatId, p2pUser)
            : services.messenger.sendCard(replyKey(), target, card),
      },
    };
  }
}

function readText(content: string): string {
  try {
    const parsed: unknown = JSON.parse(content);
    return isRecord(parsed) && typeof parsed.text === 'string' ? parsed.text : '';
  } catch {
    return '';
  }
}

function readFile(content: string): { fileKey: string; fileName: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(content);
    if (isRecord(parsed) && typeof parsed.file_key === 'string') {
      return {
        fileKey: parsed.file_key,
        fileName: typeof parsed.file_name === 'string' ? parsed.file_name : '',
      };
    }
  } catch {
    // not JSON: not a file
  }
  return undefined;
}

/** The callback as stored for a private action: the action reduced to its name (card callbacks are never re-run). */
function withoutAction(envelope: Envelope, name: string): Envelope {
  const event = { ...(envelope.event as Record<string, unknown>), action: { value: { a: name } } };
  return { ...envelope, event } as Envelope;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toast(
  type: 'info' | 'error' | 'success',
  key: 'common.badAction' | 'common.duplicateAction' | 'common.processing' | 'common.ok',
): CallbackResponse {
  const pair = i18nPair(key);
  return { toast: { type, content: pair.zh_cn, i18n: pair } };
}

function toResponse(result: ActionResult): CallbackResponse {
  const response: CallbackResponse = {};
  if (result.toast)
    response.toast = { type: result.toast.type, content: renderUserSpans(result.toast.content, 'plain') };
  if (result.card) response.card = { type: 'raw', data: renderCardUserText(result.card) };
  if (!response.toast && !response.card) return toast('success', 'common.ok');
  return response;
}
