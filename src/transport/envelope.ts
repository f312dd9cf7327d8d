import { z } from 'zod';
import { findShapeProblem } from './shape-check.js';

/**
 * Schemas of what Feishu sends, strict about the type of every field the bot reads and loose
 * about the rest (new platform fields pass through untouched). They run at the edge, before an
 * event is stored: a signed payload that fails them is junk, acknowledged and never stored.
 */

const id = z.string().min(1).max(128);
/** An id the bot may read but does not require (the platform sends "" for unknown ones). */
const optionalId = z.string().max(128).optional();
const optionalText = z.string().max(4096).optional();

/** The 2.0 event header every event and card callback carries. */
export const eventHeaderSchema = z.looseObject({
  event_id: id,
  event_type: z.string().min(1).max(128),
  create_time: z.string().max(32).optional(),
  token: z.string().max(256),
  app_id: z.string().max(128).optional(),
  tenant_key: z.string().max(128).optional(),
});

/** A 2.0 envelope; `event` is validated per type by {@link checkEnvelope}. */
export const envelopeSchema = z.object({
  schema: z.literal('2.0'),
  header: eventHeaderSchema,
  event: z.record(z.string(), z.unknown()),
});

/** The challenge Feishu sends when the request URL is saved in the console. */
export const urlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().max(512),
  token: z.string().max(256),
});

/** A verified, decrypted 2.0 envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;

const idSchema = z.looseObject({
  open_id: optionalId,
  union_id: optionalId,
  user_id: z.string().max(128).nullish(),
});

/** im.message.receive_v1 `event`. */
export const messageReceiveSchema = z.looseObject({
  sender: z.looseObject({
    sender_id: idSchema,
    sender_type: z.string().max(32),
    tenant_key: z.string().max(128).optional(),
  }),
  message: z.looseObject({
    message_id: id,
    root_id: optionalId,
    parent_id: optionalId,
    create_time: z.string().max(32).optional(),
    chat_id: id,
    chat_type: z.string().max(32),
    message_type: z.string().max(32),
    content: z.string(),
    mentions: z
      .array(
        z.looseObject({
          key: z.string().max(64),
          id: idSchema,
          name: z.string().max(256).optional(),
          tenant_key: z.string().max(128).optional(),
        }),
      )
      .max(200)
      .optional(),
  }),
});
export type MessageReceiveEvent = z.infer<typeof messageReceiveSchema>;

/** A form field's value: text, a choice, several choices, a checkbox; never an object. */
const formFieldSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])).max(500),
]);

/** card.action.trigger `event` (the parts the bot reads). */
export const cardActionSchema = z.looseObject({
  operator: idSchema.extend({ tenant_key: z.string().max(128).optional() }),
  token: z.string().max(512).optional(),
  action: z.looseObject({
    value: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
    tag: z.string().max(64).optional(),
    name: z.string().max(256).optional(),
    option: z.string().max(4096).optional(),
    options: z.union([z.string(), z.array(z.string()).max(500)]).optional(),
    checked: z.boolean().optional(),
    input_value: z.string().optional(),
    form_value: z.record(z.string(), formFieldSchema).optional(),
    timezone: z.string().max(64).optional(),
  }),
  host: z.string().max(64).optional(),
  context: z
    .looseObject({
      open_message_id: optionalId,
      open_chat_id: optionalId,
    })
    .optional(),
});
export type CardActionEvent = z.infer<typeof cardActionSchema>;

/** im.chat.member.bot.added_v1 / deleted_v1 `event`. */
export const botMembershipSchema = z.looseObject({
  chat_id: id,
  name: optionalText,
  operator_id: idSchema.optional(),
  external: z.boolean().optional(),
});

/** im.chat.member.user.added_v1 `event`. */
export const userAddedSchema = z.looseObject({
  chat_id: id,
  name: optionalText,
  operator_id: idSchema.optional(),
  external: z.boolean().optional(),
  users: z
    .array(z.looseObject({ name: optionalText, user_id: idSchema }))
    .max(1000)
    .optional(),
});

/**
 * The event types the bot accepts, each with the schema of its `event` — a discriminated union
 * on `header.event_type`. Any other type is acknowledged and dropped at the edge.
 */
export const EVENT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'im.message.receive_v1': messageReceiveSchema,
  'im.chat.member.bot.added_v1': botMembershipSchema,
  'im.chat.member.bot.deleted_v1': botMembershipSchema,
  'im.chat.member.user.added_v1': userAddedSchema,
  'card.action.trigger': cardActionSchema,
};

/** Why a decrypted payload is not an event the bot accepts (logged, never shown to anyone). */
export type EnvelopeProblem =
  | 'too_deep'
  | 'operator_key'
  | 'nul_char'
  | 'not_an_envelope'
  | 'bad_token'
  | 'unknown_event_type'
  | 'bad_event_fields';

/** The outcome of {@link checkEnvelope}. */
export type EnvelopeCheck =
  | { ok: true; envelope: Envelope }
  | { ok: false; reason: EnvelopeProblem; path?: string; eventId?: string; eventType?: string };

/**
 * Validates a decrypted payload as an event or callback the bot accepts: plain data (see
 * {@link findShapeProblem}), a 2.0 envelope whose token passes `tokenOk` (when given), a known
 * event type, and an `event` whose fields have the types the handlers read.
 */
export function checkEnvelope(body: unknown, tokenOk?: (token: string) => boolean): EnvelopeCheck {
  const hint = headerHint(body);
  const problem = findShapeProblem(body);
  if (problem) return { ok: false, reason: problem.reason, path: clip(problem.path), ...hint };
  const base = envelopeSchema.safeParse(body);
  if (!base.success) return { ok: false, reason: 'not_an_envelope', path: firstPath(base.error), ...hint };
  if (tokenOk && !tokenOk(base.data.header.token)) return { ok: false, reason: 'bad_token', ...hint };
  const schema = EVENT_SCHEMAS[base.data.header.event_type];
  if (!schema) return { ok: false, reason: 'unknown_event_type', ...hint };
  const event = schema.safeParse(base.data.event);
  if (!event.success)
    return { ok: false, reason: 'bad_event_fields', path: `event.${firstPath(event.error)}`, ...hint };
  return { ok: true, envelope: base.data };
}

/** The event id and type of a payload, when they are short strings (for the log line). */
function headerHint(body: unknown): { eventId?: string; eventType?: string } {
  const header = isRecord(body) && isRecord(body.header) ? body.header : undefined;
  const text = (v: unknown) => (typeof v === 'string' ? clip(v) : undefined);
  return { eventId: text(header?.event_id), eventType: text(header?.event_type) };
}

function firstPath(error: z.ZodError): string {
  return clip((error.issues[0]?.path ?? []).map(String).join('.'));
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
