import type { z } from 'zod';
import type { Card } from '../../cards/types.js';
import type { EventContext } from '../dispatch/context.js';
import type { Role } from '../domain/access.js';

/** What a card action answers: a toast, an updated card, or both. */
export interface ActionResult {
  toast?: { type: 'info' | 'success' | 'error' | 'warning'; content: string };
  card?: Card;
  /**
   * Work the handler started that the answer need not wait for (the dispatcher tracks it, so a
   * shutdown or `idle()` waits for it; its failure is logged).
   */
  after?: Promise<unknown>;
}

/** The parts of a card action a handler reads. */
export interface ActionInput {
  value: Record<string, unknown>;
  formValue: Record<string, unknown>;
  option?: string;
  checked?: boolean;
  inputValue?: string;
}

/** A handler for callbacks whose `value.a` equals `name`. */
export interface ActionSpec<V = unknown> {
  name: string;
  roles: readonly Role[] | 'everyone';
  /**
   * The stored callback (inbox) keeps only `value.a` of the action: for actions whose value or
   * form values must never sit in the database next to the operator (an anonymous vote).
   */
  private?: boolean;
  /** Validates `value` and `form_value` together. */
  input: z.ZodType<V, ActionInput>;
  run(ctx: EventContext, input: V): Promise<ActionResult>;
}

/** Card action handlers by name. */
export class ActionRegistry {
  private readonly specs = new Map<string, ActionSpec>();

  add<V>(spec: ActionSpec<V>): void {
    if (this.specs.has(spec.name)) throw new Error(`action ${spec.name} registered twice`);
    this.specs.set(spec.name, spec as ActionSpec);
  }

  get(name: string): ActionSpec | undefined {
    return this.specs.get(name);
  }
}
