/** One component of a card JSON 2.0 body (tag plus its fields). */
export type CardElement = { tag: string } & Record<string, unknown>;

/** A card in JSON 2.0, as sent in `content` (stringified) or returned from a callback. */
export interface Card {
  schema: '2.0';
  config?: Record<string, unknown>;
  header?: {
    title: { tag: 'plain_text'; content: string };
    subtitle?: { tag: 'plain_text'; content: string };
    template?: string;
  };
  body: { elements: CardElement[] };
}
