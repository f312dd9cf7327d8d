import type { Translate } from '../src/i18n/index.js';
import { card, divider, escapeMarkdown, markdown, note } from './elements.js';
import type { Card } from './types.js';

/** The example rows shown in the guide and written to the template file. */
export const TASK_IMPORT_EXAMPLE_ROWS: readonly (readonly string[])[] = [
  ['任务', '类别', '负责人', '截止时间', '督办领导', '群'],
  ['制定本年度清廉机关创建实施方案', '创建任务', '张三', '2026-12-05 18:00', '王局长', '办公室工作群'],
  ['整改公务用车登记不规范问题', '整改任务', '李四、13800000003', '2026-12-20', '', ''],
  ['开展廉政警示教育活动', '重点工作', 'wangwu@example.gov.cn', '2026/12/31 17:30', '王局长', ''],
];

/** The answer to `/task import`: what the ledger file must look like. */
export function buildTaskImportGuideCard(t: Translate): Card {
  const example = TASK_IMPORT_EXAMPLE_ROWS.map((r) => r.join(',')).join('\n');
  return card(t('ledger.import.guideTitle'), 'blue', [
    markdown(t('ledger.import.guideBody')),
    markdown(`${t('ledger.import.guideExample')}\n\`\`\`\n${example}\n\`\`\``),
    divider(),
    note(t('ledger.import.guideNotes')),
  ]);
}

/** What the task import result card shows. */
export interface TaskImportResultView {
  fileName: string;
  total: number;
  created: number;
  existing: number;
  skipped: number;
  /** Already translated lines ("第 17 行：…"), at most the ones to show. */
  errorLines: string[];
  /** Errors beyond `errorLines`, listed in the file `errorsFile`. */
  moreErrors: number;
  errorsFile?: string;
  /** The row at which a database error stopped the writes. */
  interruptedAt?: number;
}

/** The summary after a task import: counts, the first errors, what to do next. */
export function buildTaskImportResultCard(t: Translate, v: TaskImportResultView): Card {
  const tone = v.interruptedAt !== undefined ? 'red' : v.skipped > 0 ? 'orange' : 'green';
  const elements = [
    markdown(
      [
        t('ledger.import.resultFile', { file: escapeMarkdown(v.fileName) }),
        t('ledger.import.resultCounts', {
          total: v.total,
          created: v.created,
          existing: v.existing,
          skipped: v.skipped,
        }),
      ].join('\n'),
    ),
  ];
  if (v.interruptedAt !== undefined)
    elements.push(markdown(t('ledger.import.resultInterrupted', { line: v.interruptedAt })));
  if (v.errorLines.length > 0) {
    elements.push(divider());
    elements.push(
      markdown(
        [t('ledger.import.resultErrorsTitle'), ...v.errorLines.map((l) => `- ${escapeMarkdown(l)}`)].join(
          '\n',
        ),
      ),
    );
    if (v.moreErrors > 0 && v.errorsFile) {
      elements.push(
        markdown(
          t('ledger.import.resultMoreErrors', { count: v.moreErrors, file: escapeMarkdown(v.errorsFile) }),
        ),
      );
    }
    elements.push(note(t('ledger.import.resultRetry')));
  } else if (v.interruptedAt === undefined) {
    elements.push(note(t('ledger.import.resultAllGood')));
  }
  return card(t('ledger.import.resultTitle'), tone, elements);
}
