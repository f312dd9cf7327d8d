/**
 * The poll export: a summary (turnout, index, votes per option), the breakdown per chat and per
 * department (small or derivable slices suppressed, see poll-suppression.ts) and — for named polls
 * only — who chose what. An anonymous poll's export holds aggregated figures only: nothing stored
 * could say more. A leader's export is limited to their departments (poll-scope.ts).
 */
import ExcelJS from 'exceljs';
import { toCsvBytes } from '../files/write-csv.js';
import type { Translate } from '../i18n/index.js';
import { formatZoned } from '../time/zoned.js';
import { listDepartments } from './departments.js';
import { namesOf } from './person-names.js';
import { type PollResults, pollResults, type SliceResult, satisfactionIndex } from './poll-results.js';
import { type PollScope, peopleInScope, scopeResults } from './poll-scope.js';
import { listNamedVotes } from './poll-votes.js';
import { listEligible, type PollView } from './polls.js';

/** One sheet (or CSV file) of the export. */
export interface PollSheet {
  name: string;
  rows: Array<Array<string | number>>;
}

function sliceRows(t: Translate, poll: PollView, slices: SliceResult[], names: Map<string, string>) {
  const header = [
    t('poll.export.colSlice'),
    t('poll.export.colRespondents'),
    ...poll.options.map((o) => `${o.label}(%)`),
  ];
  if (poll.kind === 'satisfaction') header.push(t('poll.export.colIndex'));
  const rows: Array<Array<string | number>> = [header];
  for (const s of slices) {
    const name = s.id === null ? t('poll.results.others') : (names.get(s.id) ?? s.id);
    if (s.suppressed) rows.push([name, t('poll.export.suppressed')]);
    else
      rows.push([
        name,
        s.respondents,
        ...s.options.map((o) => o.percent),
        ...(poll.kind === 'satisfaction' ? [s.index ?? ''] : []),
      ]);
  }
  return rows;
}

type NamedVote = { openId: string; options: string[]; votedAt: Date };

/** Results of a named poll's votes in scope (summary only: the slices are the poll's). */
function namedSummary(
  poll: PollView,
  votes: readonly NamedVote[],
  eligible: number,
  r: PollResults,
): PollResults {
  const counts = { respondents: votes.length, votes: {} as Record<string, number> };
  for (const v of votes) for (const o of v.options) counts.votes[o] = (counts.votes[o] ?? 0) + 1;
  const options = poll.options.map((o) => {
    const count = counts.votes[o.key] ?? 0;
    return {
      key: o.key,
      label: o.label,
      count,
      percent: votes.length > 0 ? Math.round((count / votes.length) * 1000) / 10 : 0,
    };
  });
  return {
    ...r,
    respondents: votes.length,
    eligible,
    turnout: eligible > 0 ? Math.round((votes.length / eligible) * 1000) / 10 : 0,
    options,
    index: satisfactionIndex(poll, counts),
  };
}

/** The results and named votes a scope sees (everything for `all`). */
async function resultsInScope(poll: PollView, scope: PollScope) {
  const whole = await pollResults(poll);
  const votes = poll.anonymous ? [] : await listNamedVotes(poll);
  if (scope.kind === 'all') return { r: whole, votes, partial: false };
  const index = (v: Record<string, number>, n: number) =>
    satisfactionIndex(poll, { respondents: n, votes: v });
  const scoped = await scopeResults(poll, whole, scope.deptIds, index);
  if (poll.anonymous) return { r: scoped.results, votes, partial: scoped.partial };
  const mine = await peopleInScope(await listEligible(poll.id), scope.deptIds);
  const inScope = votes.filter((v) => mine.has(v.openId));
  // No chat slices here: a chat bound to their departments also holds other people, whose
  // figures the leader could isolate by taking away the named votes listed for their own.
  const r = { ...namedSummary(poll, inScope, mine.size, scoped.results), byChat: [] };
  return { r, votes: inScope, partial: false };
}

/**
 * The sheets of a poll's export in the reader's language, times in `tz`. A department scope
 * (a leader) gets only its departments' voters and slices (see poll-scope.ts).
 */
export async function buildPollExport(
  poll: PollView,
  t: Translate,
  tz: string,
  scope: PollScope = { kind: 'all' },
): Promise<PollSheet[]> {
  const { r, votes, partial } = await resultsInScope(poll, scope);
  const summary: Array<Array<string | number>> = [
    [t('poll.export.colItem'), t('poll.export.colCount'), t('poll.export.colPercent')],
    [poll.question, '', ''],
    [t('poll.export.rowEligible'), r.eligible, ''],
    [t('poll.export.rowVoted'), r.respondents, r.turnout],
    ...r.options.map((o) => [o.label, o.count, o.percent]),
  ];
  if (r.index !== null) summary.push([t('poll.export.colIndex'), r.index, '']);
  if (poll.anonymous) summary.push([t('poll.export.anonymousNote'), '', '']);
  if (scope.kind === 'departments') summary.push([t('poll.export.scopeNote'), '', '']);
  if (partial) summary.push([t('poll.export.partialNote'), '', '']);
  const sheets: PollSheet[] = [{ name: t('poll.export.sheetSummary'), rows: summary }];
  const names = new Map<string, string>(poll.chats.map((c) => [c.chatId, c.name || c.chatId]));
  for (const d of await listDepartments()) names.set(d.id, d.name);
  if (r.byChat.length > 0)
    sheets.push({ name: t('poll.export.sheetChats'), rows: sliceRows(t, poll, r.byChat, names) });
  if (r.byDept.length > 0)
    sheets.push({ name: t('poll.export.sheetDepts'), rows: sliceRows(t, poll, r.byDept, names) });
  if (!poll.anonymous) {
    const people = await namesOf(votes.map((v) => v.openId));
    const label = new Map(poll.options.map((o) => [o.key, o.label]));
    sheets.push({
      name: t('poll.export.sheetVotes'),
      rows: [
        [t('poll.export.colName'), 'open_id', t('poll.export.colChoice'), t('poll.export.colTime')],
        ...votes.map((v) => [
          people.get(v.openId) ?? '',
          v.openId,
          v.options.map((o) => label.get(o) ?? o).join('、'),
          formatZoned(v.votedAt, tz),
        ]),
      ],
    });
  }
  return sheets;
}

/** Cells that would start a formula are kept as text. */
function cellValue(v: string | number): string | number {
  return typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v;
}

/** One workbook, one sheet per part, bold frozen header. */
export async function pollExportXlsx(
  sheets: readonly PollSheet[],
  meta: { creator: string; now: Date },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.now;
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of s.rows) sheet.addRow(row.map(cellValue));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c) => {
      c.width = 18;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One CSV per part (UTF-8 with BOM). */
export function pollSheetCsv(sheet: PollSheet): Buffer {
  return toCsvBytes(sheet.rows);
}
