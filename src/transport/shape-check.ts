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
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], depth: depth + 1, path: `${path}[${i}]` });
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
