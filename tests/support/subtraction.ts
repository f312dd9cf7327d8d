/**
 * The subtraction attack, brute force: every combination (coefficients −1, 0, 1) of the shown
 * chat slices, the shown department slices and the total. A combination whose weight on every
 * (chat, department) cell is 0 or 1 measures a group of ballots; it reveals something when that
 * group holds 1–4 respondents — other than the whole poll, whose total is always shown.
 */
import type { PollCell } from '../../src/domain/poll-suppression.js';

/** The derivable groups of 1–4 respondents (descriptions), empty when none. */
export function revealedGroups(
  cells: readonly PollCell[],
  shownChats: readonly (string | null)[],
  shownDepts: readonly (string | null)[],
): string[] {
  const lines = [
    ...shownChats.map((id) => (c: PollCell) => c.chat === id),
    ...shownDepts.map((id) => (c: PollCell) => c.dept === id),
    () => true,
  ];
  const names = [...shownChats.map((c) => `chat ${c}`), ...shownDepts.map((d) => `dept ${d}`), 'total'];
  const total = cells.reduce((sum, c) => sum + c.respondents, 0);
  const found: string[] = [];
  const coef = new Array<number>(lines.length).fill(-1);
  for (;;) {
    const weights = cells.map((c) => lines.reduce((w, inLine, i) => w + (inLine(c) ? coef[i]! : 0), 0));
    if (weights.every((w) => w === 0 || w === 1)) {
      const n = cells.reduce((sum, c, i) => sum + (weights[i] === 1 ? c.respondents : 0), 0);
      if (n > 0 && n < 5 && n < total)
        found.push(coef.map((k, i) => (k === 0 ? '' : `${k > 0 ? '+' : '-'}${names[i]}`)).join(''));
    }
    let i = 0;
    while (i < coef.length && coef[i] === 1) coef[i++] = -1;
    if (i === coef.length) break;
    coef[i]! += 1;
  }
  return found;
}
