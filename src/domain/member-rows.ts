/**
 * The rows of a member list (姓名, open_id or 手机号/邮箱, 部门, 角色): finding the columns by
 * their header, whatever the wording, and validating each row with zod. Pure; no I/O.
 */
import { z } from 'zod';
import type { TableRow } from '../files/read-table.js';

/** A role a member list may give: 成员 / 领导 / 监督员 / 管理员. */
export type ImportRole = 'member' | 'leader' | 'supervisor' | 'admin';

/** A valid row: who, where, and which roles it grants. */
export interface MemberRow {
  line: number;
  name: string;
  openId?: string;
  /** Mainland numbers without +86; others with their + country code. */
  mobile?: string;
  /** Lower-cased. */
  email?: string;
  department: string;
  /** Never empty; `['member']` when the cell was empty. */
  roles: ImportRole[];
}

/** Why a row was skipped. */
export type RowProblem =
  | 'nameMissing'
  | 'nameTooLong'
  | 'idMissing'
  | 'openIdInvalid'
  | 'mobileInvalid'
  | 'emailInvalid'
  | 'deptMissing'
  | 'deptTooLong'
  | 'roleInvalid'
  | 'deptNotFound'
  | 'userNotFound'
  | 'duplicate';

/** A skipped row: its number, the name on it, the problem and the value it is about. */
export interface RowError {
  line: number;
  name: string;
  problem: RowProblem;
  /** The offending value (a department, a phone number…) or, for `duplicate`, the earlier row. */
  value: string;
}

/** The columns of a member list. */
export type MemberColumn = 'name' | 'openId' | 'mobile' | 'email' | 'department' | 'role';

/** Header words per column, compared after {@link headerKey}. */
const HEADER_WORDS: Record<MemberColumn, string[]> = {
  name: ['姓名', '名字', '人员姓名', '成员姓名', '员工姓名', 'name'],
  openId: ['openid', '飞书openid', '用户openid'],
  mobile: ['手机号', '手机', '手机号码', '移动电话', '联系电话', '电话', 'mobile', 'phone'],
  email: ['邮箱', '电子邮箱', '邮件', '电子邮件', '邮箱地址', 'email', 'mail'],
  department: ['部门', '所在部门', '部门名称', '处室', '科室', '单位', 'department', 'dept'],
  role: ['角色', '身份', '人员角色', 'role'],
};

/** A header cell reduced for matching: NFKC, lower case, no spaces, marks, notes in brackets. */
export function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, '')
    .replace(/[\s*_\-:.]/g, '');
}

/** Where each column is (0-based), as found in a header row. */
export type ColumnMap = Partial<Record<MemberColumn, number>>;

/** Finds the columns in a header row; the first matching cell wins. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    for (const [column, words] of Object.entries(HEADER_WORDS) as [MemberColumn, string[]][]) {
      if (map[column] === undefined && words.includes(key)) map[column] = index;
    }
  });
  return map;
}

/** The columns a list cannot do without; `id` stands for "open_id, 手机号 or 邮箱". */
export function missingColumns(map: ColumnMap): Array<'name' | 'department' | 'id'> {
  const missing: Array<'name' | 'department' | 'id'> = [];
  if (map.name === undefined) missing.push('name');
  if (map.openId === undefined && map.mobile === undefined && map.email === undefined) missing.push('id');
  if (map.department === undefined) missing.push('department');
  return missing;
}

const ROLE_WORDS: Record<string, ImportRole> = {
  成员: 'member',
  普通成员: 'member',
  member: 'member',
  领导: 'leader',
  分管领导: 'leader',
  部门领导: 'leader',
  负责人: 'leader',
  leader: 'leader',
  监督员: 'supervisor',
  特邀监督员: 'supervisor',
  supervisor: 'supervisor',
  管理员: 'admin',
  admin: 'admin',
};

/** Reads a 角色 cell: empty = 成员; several roles may be separated by 、 , / or spaces. */
export function parseRoles(cell: string): ImportRole[] | undefined {
  const words = cell
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s,，、/;；|]+/)
    .filter(Boolean);
  if (words.length === 0) return ['member'];
  const roles = new Set<ImportRole>();
  for (const w of words) {
    const role = ROLE_WORDS[w];
    if (!role) return undefined;
    roles.add(role);
  }
  if (roles.size > 1) roles.delete('member');
  return [...roles];
}

/** A mobile number in the form batch_get_id matches: 11 digits for the mainland, else +country. */
export function normalizeMobile(cell: string): string | undefined {
  const s = cell.normalize('NFKC').replace(/[\s\-()]/g, '');
  const mainland = /^(?:\+?86)?(1\d{10})$/.exec(s);
  if (mainland) return mainland[1];
  return /^\+\d{7,15}$/.test(s) ? s : undefined;
}

/** An optional cell: '' is absent, anything else must pass `s` (its messages are kept). */
const optional = (s: z.ZodType<string, string>) =>
  z.string().transform((v, ctx): string | undefined => {
    if (v === '') return undefined;
    const r = s.safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return undefined;
  });

/** One row's cells by column; every value is a trimmed string ('' when absent). */
const rowSchema = z
  .object({
    name: z.string().min(1, 'nameMissing').max(40, 'nameTooLong'),
    openId: optional(z.string().regex(/^ou_[0-9A-Za-z_-]{1,64}$/, 'openIdInvalid')),
    mobile: optional(
      z.string().transform((v, ctx) => {
        const m = normalizeMobile(v);
        if (!m) ctx.addIssue({ code: 'custom', message: 'mobileInvalid' });
        return m ?? v;
      }),
    ),
    email: optional(z.string().toLowerCase().pipe(z.email('emailInvalid'))),
    department: z.string().min(1, 'deptMissing').max(40, 'deptTooLong'),
    role: z.string().transform((v, ctx) => {
      const roles = parseRoles(v);
      if (!roles) ctx.addIssue({ code: 'custom', message: 'roleInvalid' });
      return roles ?? [];
    }),
  })
  .refine((r) => r.openId || r.mobile || r.email, { message: 'idMissing', path: ['openId'] });

const FIELD_ORDER: MemberColumn[] = ['name', 'openId', 'mobile', 'email', 'department', 'role'];

/** Validates one data row; a failure names the first problem in column order. */
export function validateRow(
  row: TableRow,
  map: ColumnMap,
): { ok: true; row: MemberRow } | { ok: false; error: RowError } {
  const raw = Object.fromEntries(
    FIELD_ORDER.map((column) => {
      const index = map[column];
      return [column, index === undefined ? '' : (row.cells[index] ?? '').normalize('NFKC').trim()];
    }),
  ) as Record<MemberColumn, string>;
  const parsed = rowSchema.safeParse(raw);
  if (parsed.success) {
    const d = parsed.data;
    return {
      ok: true,
      row: {
        line: row.line,
        name: d.name,
        ...(d.openId ? { openId: d.openId } : {}),
        ...(d.mobile ? { mobile: d.mobile } : {}),
        ...(d.email ? { email: d.email } : {}),
        department: d.department,
        roles: d.role,
      },
    };
  }
  const issues = [...parsed.error.issues].sort(
    (a, b) => FIELD_ORDER.indexOf(a.path[0] as MemberColumn) - FIELD_ORDER.indexOf(b.path[0] as MemberColumn),
  );
  const first = issues[0]!;
  const field = first.path[0] as MemberColumn | undefined;
  return {
    ok: false,
    error: {
      line: row.line,
      name: raw.name,
      problem: first.message as RowProblem,
      value: field && first.message !== 'idMissing' ? raw[field] : '',
    },
  };
}

/** True when every cell of a row is empty (such rows are skipped silently). */
export function isBlankRow(row: TableRow): boolean {
  return row.cells.every((c) => c.trim() === '');
}
