/**
 * `npm run bench:imports [-- --runs 5]`: how fast the bounded table reader refuses each
 * hostile spreadsheet (target < 2 s) and how late a 5 ms timer — standing in for other users'
 * events — fires meanwhile (the event-loop delay). Figures printed, not asserted; no database.
 * A valid 5,000-row member list and a 2,000-row CSV are read too, for comparison.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { readTable, type TableFormat, TableLimitError } from '../src/files/read-table.js';
import {
  declaredHugeBomb,
  lyingHeaderBomb,
  manyRowsBomb,
  sharedStringsBomb,
  wideRowsBomb,
} from '../tests/support/xlsx-bombs.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Math.max(1, Number(values.runs));

interface Case {
  name: string;
  format: TableFormat;
  maxRows: number;
  bytes: Buffer;
}

async function memberList(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', 'open_id', '手机号', '邮箱', '部门', '角色']);
  for (let i = 0; i < rows; i++) {
    ws.addRow([
      `干部${i}`,
      `ou_${i}`,
      13900000000 + i,
      `c${i}@audit.gov.cn`,
      i % 2 ? '办公室' : '财务处',
      '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function cases(): Promise<Case[]> {
  const csvRows = [
    '任务,负责人,截止时间',
    ...Array.from({ length: 2000 }, (_, i) => `任务${i},ou_${i},2026-12-31`),
  ];
  return [
    { name: 'wide rows (XFD on 600 rows)', format: 'xlsx', maxRows: 5000, bytes: wideRowsBomb(600) },
    {
      name: 'shared strings (1,000,000)',
      format: 'xlsx',
      maxRows: 5000,
      bytes: sharedStringsBomb(1_000_000),
    },
    { name: 'declares 500 MB', format: 'xlsx', maxRows: 5000, bytes: declaredHugeBomb(500) },
    { name: 'lying header (2 KB → 500 MB)', format: 'xlsx', maxRows: 5000, bytes: lyingHeaderBomb(500) },
    { name: '100,000 rows', format: 'xlsx', maxRows: 5000, bytes: manyRowsBomb(100_000) },
    {
      name: 'CSV, 5 MB in one row',
      format: 'csv',
      maxRows: 5000,
      bytes: Buffer.from(`姓名,部门\n${'x,'.repeat(2_500_000)}`),
    },
    { name: 'valid: 5,000-row member XLSX', format: 'xlsx', maxRows: 5000, bytes: await memberList(5000) },
    {
      name: 'valid: 2,000-row task CSV',
      format: 'csv',
      maxRows: 2000,
      bytes: Buffer.from(csvRows.join('\r\n')),
    },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface Run {
  ms: number;
  delayMs: number;
  outcome: string;
}

/** One read, with the event-loop delay seen by a 5 ms timer meanwhile (sampled until 20 ms after). */
async function runOnce(c: Case): Promise<Run> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  let outcome: string;
  try {
    const rows = await readTable(c.bytes, c.format, { maxRows: c.maxRows });
    outcome = `read ${rows.length} rows`;
  } catch (error) {
    outcome =
      error instanceof TableLimitError
        ? `refused: ${error.kind}${error.line ? ` (row ${error.line})` : ''}`
        : `refused: ${(error as Error).name}`;
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 20)); // a block that ended the read is sampled too
  histogram.disable();
  return { ms, delayMs: histogram.max / 1e6, outcome };
}

async function measure(c: Case): Promise<{ cold: Run; warmMs: number; warmDelayMs: number }> {
  const cold = await runOnce(c);
  const warm: Run[] = [];
  for (let i = 0; i < runs; i++) warm.push(await runOnce(c));
  return {
    cold,
    warmMs: median(warm.map((r) => r.ms)),
    warmDelayMs: Math.max(...warm.map((r) => r.delayMs)),
  };
}

async function main(): Promise<void> {
  console.log(`bench:imports — first (cold) read of each file, then the median of ${runs} more (warm);`);
  console.log('event-loop delay = the longest the loop was blocked (max; warm: over the warm runs)');
  console.log('| file | size | outcome | cold time | cold delay | warm time | warm delay |');
  console.log('|---|---|---|---|---|---|---|');
  for (const c of await cases()) {
    const r = await measure(c);
    const kb = c.bytes.length / 1024;
    const size = kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb.toFixed(1)} KB`;
    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(
      `| ${c.name} | ${size} | ${r.cold.outcome} | ${f(r.cold.ms)} | ${f(r.cold.delayMs)} | ${f(r.warmMs)} | ${f(r.warmDelayMs)} |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
