import type { z } from 'zod';
import type { EventContext } from '../dispatch/context.js';
import type { Role } from '../domain/access.js';
import type { MessageKey } from '../i18n/index.js';
import { closest } from './suggest.js';
import type { Mention, Token } from './tokenize.js';

/** The arguments of a command after its name words, split by kind. */
export interface CommandInput {
  /** Text arguments in order. */
  words: string[];
  /** @-mentioned users in order. */
  mentions: Mention[];
  /** The text arguments joined with single spaces. */
  rest: string;
}

/** One command, e.g. `/chat bind <部门>`; `path` is its name words (`['chat', 'bind']`). */
export interface CommandSpec<A = unknown> {
  path: string[];
  /** Chinese aliases of the whole path, e.g. `['群聊 绑定', '绑定群']`. */
  aliases: string[];
  summary: MessageKey;
  usage: MessageKey;
  example?: MessageKey;
  roles: readonly Role[] | 'everyone';
  where?: 'any' | 'group' | 'p2p';
  /** False keeps the sender out of every log line of the run (anonymous feedback). Default true. */
  logActor?: boolean;
  /** Validates the input; a failure answers with the usage (or the issue's own message). */
  args: z.ZodType<A, CommandInput>;
  run(ctx: EventContext, args: A): Promise<void>;
}

/** What the registry found for a list of tokens. */
export type CommandMatch =
  | { kind: 'found'; spec: CommandSpec; input: CommandInput }
  | { kind: 'family'; family: string; specs: CommandSpec[] }
  | { kind: 'unknown'; typed: string; suggestion?: string };

/** A command module adds its commands here (bolt-style `register(registry)`). */
export class CommandRegistry {
  private readonly specs: CommandSpec[] = [];

  add<A>(spec: CommandSpec<A>): void {
    this.specs.push(spec as CommandSpec);
  }

  all(): readonly CommandSpec[] {
    return this.specs;
  }

  /** Every spelling (name path and aliases) a spec answers to, lower-cased word lists. */
  private spellings(spec: CommandSpec): string[][] {
    return [spec.path.join(' '), ...spec.aliases].map((s) => s.toLowerCase().split(/\s+/));
  }

  /** Finds the command with the longest matching name path. */
  match(tokens: Token[]): CommandMatch {
    const words = tokens.map((t) => (t.type === 'text' ? t.value.toLowerCase() : '\u0000'));
    let best: { spec: CommandSpec; length: number } | undefined;
    for (const spec of this.specs) {
      for (const spelling of this.spellings(spec)) {
        if (spelling.length > words.length) continue;
        if (spelling.every((w, i) => w === words[i]) && (!best || spelling.length > best.length)) {
          best = { spec, length: spelling.length };
        }
      }
    }
    if (best) return { kind: 'found', spec: best.spec, input: toInput(tokens.slice(best.length)) };
    const first = words[0] ?? '';
    const family = this.specs.filter((s) => this.spellings(s).some((sp) => sp.length > 1 && sp[0] === first));
    if (family.length > 0) return { kind: 'family', family: first, specs: family };
    const names = [
      ...new Set(this.specs.flatMap((s) => [s.path[0]!, ...s.aliases.map((a) => a.split(' ')[0]!)])),
    ];
    return { kind: 'unknown', typed: first, suggestion: closest(first, names) };
  }

  /** True when `word` is the first word of some command name or alias. */
  isCommandWord(word: string): boolean {
    const w = word.toLowerCase();
    return this.specs.some((s) => this.spellings(s).some((sp) => sp[0] === w));
  }
}

function toInput(tokens: Token[]): CommandInput {
  const words: string[] = [];
  const mentions: Mention[] = [];
  for (const t of tokens) {
    if (t.type === 'text') words.push(t.value);
    else mentions.push(t.mention);
  }
  return { words, mentions, rest: words.join(' ') };
}
