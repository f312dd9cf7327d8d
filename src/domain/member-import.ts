/**
 * Importing a member list: every row is validated first (columns, values, departments, people
 * found in the directory), then each good row is written as ONE single-document upsert of the
 * Person — so a row is either fully written or not at all, and a bad row writes nothing.
 *
 * What a row does: sets the person's name and department, and grants the row's roles (领导 heads
 * the row's department, 监督员 / 管理员 add the stored role). An import never takes a role away:
 * that is `/role` and `/admin remove`, which guard the last admin. Rows that would change nothing
 * are not written, so sending the same file again changes nothing.
 *
 * Knows nothing of Feishu: the directory lookup (emails / mobiles → open_ids) is passed in.
 */

import type { TableRow } from '../files/read-table.js';
import { DepartmentModel, departmentNameKey } from '../models/department.js';
import { PersonModel } from '../models/person.js';
import { notifyDepartmentJoined } from './department-listeners.js';
import {
  type ColumnMap,
  isBlankRow,
  type MemberRow,
  mapColumns,
  missingColumns,
  type RowError,
  validateRow,
} from './member-rows.js';
import { withOrgLock } from './org-lock.js';

/** Most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 5000;

/** Looks people up in the directory; absent keys were not found. */
export type ResolveUserIds = (query: {
  emails: string[];
  mobiles: string[];
}) => Promise<{ byEmail: ReadonlyMap<string, string>; byMobile: ReadonlyMap<string, string> }>;

/** Why a whole file was refused before any row was looked at. */
export type ImportFailure =
  | { kind: 'empty' }
  | { kind: 'missingColumns'; missing: Array<'name' | 'department' | 'id'> }
  | { kind: 'tooManyRows'; rows: number; max: number }
  | { kind: 'directoryUnavailable'; detail: string };

/** What an import did. `skipped` = rows with an error (in `errors`, by line). */
export interface ImportSummary {
  /** Non-blank data rows. */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: RowError[];
  /** Set when a database error stopped the writes: rows before it are in, the rest are not. */
  interruptedAt?: number;
}

/** The outcome of {@link importMembers}. */
export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; failure: ImportFailure };

interface Resolved {
  row: MemberRow;
  openId: string;
  deptId: string;
}

function storedRolesOf(row: MemberRow): string[] {
  return row.roles.filter((r) => r === 'admin' || r === 'supervisor');
}

/** Header row and data rows: the first non-blank row is the header. */
function splitHeader(rows: TableRow[]): { map: ColumnMap; data: TableRow[] } | undefined {
  const start = rows.findIndex((r) => !isBlankRow(r));
  if (start < 0) return undefined;
  return { map: mapColumns(rows[start]!.cells), data: rows.slice(start + 1).filter((r) => !isBlankRow(r)) };
}

/** Validates every row, resolves people, and writes the good rows (see the module comment). */
export async function importMembers(
  rows: TableRow[],
  deps: { resolveUserIds: ResolveUserIds; log?: { warn(obj: object, msg: string): void } },
): Promise<ImportOutcome> {
  const split = splitHeader(rows);
  if (!split || split.data.length === 0) return { ok: false, failure: { kind: 'empty' } };
  const missing = missingColumns(split.map);
  if (missing.length > 0) return { ok: false, failure: { kind: 'missingColumns', missing } };
  if (split.data.length > MAX_IMPORT_ROWS) {
    return { ok: false, failure: { kind: 'tooManyRows', rows: split.data.length, max: MAX_IMPORT_ROWS } };
  }

  const errors: RowError[] = [];
  const fail = (row: MemberRow, problem: RowError['problem'], value: string) =>
    errors.push({ line: row.line, name: row.name, problem, value });

  // 1. Every row on its own.
  const valid: MemberRow[] = [];
  for (const row of split.data) {
    const checked = validateRow(row, split.map);
    if (checked.ok) valid.push(checked.row);
    else errors.push(checked.error);
  }

  // 2. Departments exist.
  const departments = await DepartmentModel.find({}, { _id: 1, nameKey: 1 }).lean();
  const deptIdByKey = new Map(departments.map((d) => [d.nameKey, String(d._id)]));
  const placed: Array<{ row: MemberRow; deptId: string }> = [];
  for (const row of valid) {
    const deptId = deptIdByKey.get(departmentNameKey(row.department));
    if (deptId) placed.push({ row, deptId });
    else fail(row, 'deptNotFound', row.department);
  }

  // 3. People found in the directory (one lookup for the whole file).
  const lookup = placed.filter((p) => !p.row.openId);
  let found: Awaited<ReturnType<ResolveUserIds>> = { byEmail: new Map(), byMobile: new Map() };
  if (lookup.length > 0) {
    try {
      found = await deps.resolveUserIds({
        emails: [...new Set(lookup.flatMap((p) => (p.row.email ? [p.row.email] : [])))],
        mobiles: [...new Set(lookup.flatMap((p) => (p.row.mobile ? [p.row.mobile] : [])))],
      });
    } catch (error) {
      return {
        ok: false,
        failure: { kind: 'directoryUnavailable', detail: String((error as Error).message ?? error) },
      };
    }
  }
  const resolved: Resolved[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { row, deptId } of placed) {
    const openId =
      row.openId ??
      (row.mobile ? found.byMobile.get(row.mobile) : undefined) ??
      (row.email
        ? (found.byEmail.get(row.email) ?? emailLookupInsensitive(found.byEmail, row.email))
        : undefined);
    if (!openId) {
      fail(row, 'userNotFound', row.mobile ?? row.email ?? '');
      continue;
    }
    const earlier = firstLineOf.get(openId);
    if (earlier !== undefined) {
      fail(row, 'duplicate', String(earlier));
      continue;
    }
    firstLineOf.set(openId, row.line);
    resolved.push({ row, openId, deptId });
  }
  errors.sort((a, b) => a.line - b.line);

  // 4. Write what changes, one document per row.
  const summary: ImportSummary = {
    total: split.data.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: errors.length,
    errors,
  };
  const existing = new Map(
    (
      await PersonModel.find(
        { openId: { $in: resolved.map((r) => r.openId) } },
        { openId: 1, name: 1, deptId: 1, roles: 1, leads: 1 },
      ).lean()
    ).map((p) => [p.openId, p]),
  );
  for (const r of resolved) {
    const before = existing.get(r.openId);
    const addRoles = storedRolesOf(r.row).filter((role) => !before?.roles?.includes(role));
    const addLeads = r.row.roles.includes('leader') && !before?.leads?.includes(r.deptId) ? [r.deptId] : [];
    const same =
      before &&
      before.name === r.row.name &&
      before.deptId === r.deptId &&
      !addRoles.length &&
      !addLeads.length;
    if (same) {
      summary.unchanged++;
      continue;
    }
    try {
      await writePerson(r, addRoles, addLeads);
    } catch (error) {
      deps.log?.warn({ err: error, line: r.row.line }, 'member import stopped by a database error');
      summary.interruptedAt = r.row.line;
      break;
    }
    await notifyDepartmentJoined({ openId: r.openId, deptId: r.deptId, previous: before?.deptId ?? null });
    if (before) summary.updated++;
    else summary.created++;
  }
  return { ok: true, summary };
}

function emailLookupInsensitive(map: ReadonlyMap<string, string>, email: string): string | undefined {
  for (const [k, v] of map) if (k.toLowerCase() === email) return v;
  return undefined;
}

/**
 * The one write of a row: name and department set, roles and leads added, in one document.
 * Arrays are always named in `$addToSet` (an empty `$each` creates them on insert and changes
 * nothing otherwise): FerretDB 1.24 drops `$setOnInsert` fields whose value is `[]` or `null`.
 */
async function writePerson(r: Resolved, addRoles: string[], addLeads: string[]): Promise<void> {
  // Under the organisation lease: on FerretDB an update rewrites the whole document, so it must
  // not interleave with a /role or /admin change to the same person.
  await withOrgLock(() =>
    PersonModel.updateOne(
      { openId: r.openId },
      {
        $set: { name: r.row.name, deptId: r.deptId },
        $addToSet: {
          roles: { $each: addRoles },
          leads: { $each: addLeads },
          feishuDepartmentIds: { $each: [] },
        },
      },
      { upsert: true },
    ),
  );
}
