/**
 * Structural checks on a decoded payload before any schema runs: nothing Feishu sends nests
 * deeper than a handful of levels, names a key with `$` or `.`, or puts U+0000 in a string.
 * Such a payload is junk: it must never reach a query as an operator, nor a storage engine
 * that rejects it (BSON keys are C strings; PostgreSQL, under FerretDB, refuses U+0000).
 */

/** Deeper than any real event or callback (they nest ≈ 6 levels; our card values 2). */
export const MAX_DEPTH = 16;

/** Why a payload failed the structural check, with the path of the first offending node. */
export interface ShapeProblem {
  reason: 'too_deep' | 'operator_key' | 'nul_char';
  path: string;
}

/**
 * Walks the value iteratively (no recursion, so hostile nesting cannot overflow the stack) and
 * returns the first problem, or undefined when the payload is plain data.
 */
export function findShapeProblem(root: unknown, maxDepth = MAX_DEPTH): ShapeProblem | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { reason: 'nul_char', path };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return { reason: 'too_deep', path };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        stack.push({ value: value[i], depth: depth + 1, path: `${path}[${i}]` });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.startsWith('$') || key.includes('.')) return { reason: 'operator_key', path: childPath };
      if (key.includes('\u0000')) return { reason: 'nul_char', path: childPath };
      stack.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
  return undefined;
}

/**
 * True when a JSON text nests containers more than `maxDepth` deep, found by one pass over the
 * characters (strings skipped) before the text is parsed: V8's JSON.parse takes seconds on a
 * megabyte of nested brackets, so such a body must be refused without parsing it.
 */
export function nestsTooDeep(text: string, maxDepth = MAX_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = endOfString(text, i);
      if (i < 0) return false; // unterminated: JSON.parse refuses it
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Index of the quote closing the string that opens at `start`, or -1 (jumps with indexOf). */
function endOfString(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote >= 0) {
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}
