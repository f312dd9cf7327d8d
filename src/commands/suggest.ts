/** Edit distance between two short strings (Levenshtein, by code point). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[y.length]!;
}

/**
 * The candidate closest to `input`, when close enough to be a likely typo
 * (distance ≤ 2 and less than half the length), else undefined.
 */
export function closest(input: string, candidates: string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: { word: string; distance: number } | undefined;
  for (const word of candidates) {
    const distance = editDistance(needle, word.toLowerCase());
    if (!best || distance < best.distance) best = { word, distance };
  }
  if (!best) return undefined;
  const limit = Math.min(2, Math.ceil([...needle].length / 2));
  return best.distance <= limit ? best.word : undefined;
}
