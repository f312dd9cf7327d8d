/**
 * Which breakdown slices of a poll may be shown so that no combination of the shown figures
 * reveals a group of 1–4 respondents (the subtraction attack).
 *
 * What a reader sees: the totals, every shown chat slice and every shown department slice
 * (respondents and votes per option). Think of the ballots as a table, chats × departments
 * (the null slice, "其他", is a row or column like any other). Any figure a reader can compute
 * from what is shown is Σ a_chat·row + Σ b_dept·column + c·total, whose weight on a cell is
 * a_chat + b_dept + c: constant over all hidden chats taken together and over all hidden
 * departments taken together. So merge the hidden rows into one row and the hidden columns into
 * one column: every derivable group of ballots is a union of the merged cells. If every merged
 * cell holds 0 or at least MIN_SLICE respondents, every derivable group does too — whatever is
 * subtracted from what. That is the rule enforced here:
 *
 * 1. a slice with fewer than MIN_SLICE respondents is hidden;
 * 2. while some merged cell holds 1–4 respondents, one more slice is hidden: the smaller of that
 *    cell's row and column when one of them is shown, else (the cell of hidden × hidden) the
 *    smallest shown slice that has ballots in it, else the smallest shown slice;
 * 3. when everything is hidden only the poll's totals remain (a poll of fewer than 5 respondents
 *    shows its totals, as before).
 *
 * With one dimension only this is complementary suppression: hidden slices together hold 0 or
 * at least 5 respondents. Scoped views (a leader's export, the report, the score) only ever add
 * up slices shown here, so they cannot undo it either.
 */
import { MIN_SLICE } from './poll-eligibility.js';

/** Respondents of one (chat, department) cell of the ballots; null ids are the merged "其他" slices. */
export interface PollCell {
  chat: string | null;
  dept: string | null;
  respondents: number;
}

/** The slices to hide, per dimension (ids; null stands for the "其他" slice). */
export interface HiddenSlices {
  chats: Set<string | null>;
  depts: Set<string | null>;
}

type Line = { dim: 'chats' | 'depts'; id: string | null; respondents: number };

function lineTotals(cells: readonly PollCell[], dim: 'chats' | 'depts'): Map<string | null, number> {
  const totals = new Map<string | null, number>();
  for (const c of cells) {
    const id = dim === 'chats' ? c.chat : c.dept;
    totals.set(id, (totals.get(id) ?? 0) + c.respondents);
  }
  return totals;
}

/** The first merged cell with 1 to MIN_SLICE − 1 respondents (keys: the slice id, or HIDDEN). */
function smallMergedCell(cells: readonly PollCell[], hidden: HiddenSlices) {
  const HIDDEN = Symbol('hidden');
  const merged = new Map<
    string,
    { chat: string | null | typeof HIDDEN; dept: string | null | typeof HIDDEN; n: number }
  >();
  for (const c of cells) {
    const chat = hidden.chats.has(c.chat) ? HIDDEN : c.chat;
    const dept = hidden.depts.has(c.dept) ? HIDDEN : c.dept;
    const key = `${chat === HIDDEN ? '\u0001' : `=${chat ?? ''}`}\u0000${dept === HIDDEN ? '\u0001' : `=${dept ?? ''}`}`;
    const cell = merged.get(key) ?? { chat, dept, n: 0 };
    cell.n += c.respondents;
    merged.set(key, cell);
  }
  for (const cell of merged.values()) {
    if (cell.n > 0 && cell.n < MIN_SLICE) {
      return {
        chat: cell.chat === HIDDEN ? undefined : cell.chat,
        dept: cell.dept === HIDDEN ? undefined : cell.dept,
      };
    }
  }
  return null;
}

/** The slices to hide so that no shown figure, alone or combined, reveals fewer than MIN_SLICE respondents. */
export function chooseHiddenSlices(cells: readonly PollCell[]): HiddenSlices {
  const chats = lineTotals(cells, 'chats');
  const depts = lineTotals(cells, 'depts');
  const hidden: HiddenSlices = {
    chats: new Set([...chats].filter(([, n]) => n < MIN_SLICE).map(([id]) => id)),
    depts: new Set([...depts].filter(([, n]) => n < MIN_SLICE).map(([id]) => id)),
  };
  const shownLines = (): Line[] => [
    ...[...chats]
      .filter(([id]) => !hidden.chats.has(id))
      .map(([id, n]) => ({ dim: 'chats' as const, id, respondents: n })),
    ...[...depts]
      .filter(([id]) => !hidden.depts.has(id))
      .map(([id, n]) => ({ dim: 'depts' as const, id, respondents: n })),
  ];
  const smallest = (lines: Line[]) => lines.sort((a, b) => a.respondents - b.respondents)[0];
  for (;;) {
    const small = smallMergedCell(cells, hidden);
    if (!small) break;
    const shown = shownLines();
    if (shown.length === 0) break;
    let pick: Line | undefined;
    if (small.chat !== undefined || small.dept !== undefined) {
      pick = smallest(
        shown.filter(
          (l) => (l.dim === 'chats' && l.id === small.chat) || (l.dim === 'depts' && l.id === small.dept),
        ),
      );
    } else {
      // The hidden × hidden cell: grow it with a shown slice that has ballots in it.
      const touches = (l: Line) =>
        cells.some(
          (c) =>
            c.respondents > 0 &&
            (l.dim === 'chats'
              ? c.chat === l.id && hidden.depts.has(c.dept)
              : c.dept === l.id && hidden.chats.has(c.chat)),
        );
      pick = smallest(shown.filter(touches)) ?? smallest(shown);
    }
    if (!pick) break;
    hidden[pick.dim].add(pick.id);
  }
  return hidden;
}
