import { z } from 'zod';

/** The 2.0 event header every event and card callback carries. */
export const eventHeaderSchema = z.object({
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  create_time: z.string().optional(),
  token: z.string(),
  app_id: z.string().optional(),
  tenant_key: z.string().optional(),
});

/** A 2.0 envelope; `event` is validated per type by the dispatcher. */
export const envelopeSchema = z.object({
  schema: z.literal('2.0'),
  header: eventHeaderSchema,
  event: z.record(z.string(), z.unknown()),
});

/** The challenge Feishu sends when the request URL is saved in the console. */
export const urlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string(),
  token: z.string(),
});

/** A verified, decrypted 2.0 envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;

const idSchema = z.object({
  open_id: z.string().optional(),
  union_id: z.string().optional(),
  user_id: z.string().nullish(),
});

/** im.message.receive_v1 `event`. */
export const messageReceiveSchema = z.object({
  sender: z.object({
    sender_id: idSchema,
    sender_type: z.string(),
    tenant_key: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string(),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    create_time: z.string().optional(),
    chat_id: z.string(),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z
      .array(
        z.object({
          key: z.string(),
          id: idSchema,
          name: z.string().optional(),
          tenant_key: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
export type MessageReceiveEvent = z.infer<typeof messageReceiveSchema>;

/** card.action.trigger `event` (the parts the bot reads). */
export const cardActionSchema = z.object({
  operator: idSchema.extend({ tenant_key: z.string().optional() }),
  token: z.string().optional(),
  action: z.object({
    value: z.unknown().optional(),
    tag: z.string().optional(),
    name: z.string().optional(),
    option: z.string().optional(),
    options: z.array(z.string()).optional(),
    checked: z.boolean().optional(),
    input_value: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    timezone: z.string().optional(),
  }),
  host: z.string().optional(),
  context: z
    .object({
      open_message_id: z.string().optional(),
      open_chat_id: z.string().optional(),
    })
    .optional(),
});
export type CardActionEvent = z.infer<typeof cardActionSchema>;

/** im.chat.member.bot.added_v1 / deleted_v1 `event`. */
export const botMembershipSchema = z.object({
  chat_id: z.string(),
  name: z.string().optional(),
  operator_id: idSchema.optional(),
  external: z.boolean().optional(),
});
