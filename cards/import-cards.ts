import type { Translate } from '../src/i18n/index.js';
import { card, divider, escapeMarkdown, markdown, note } from './elements.js';
import type { Card } from './types.js';

/** The example rows shown in the guide and written to the template file. */
export const IMPORT_EXAMPLE_ROWS: readonly (readonly string[])[] = [
  ['姓名', '手机号', '邮箱', '部门', '角色'],
  ['张三', '13800000001', '', '办公室', '领导'],
  ['李四', '', 'lisi@example.gov.cn', '财务处', ''],
  ['王五', '13800000003', '', '纪检组', '监督员'],
];

/** The answer to `/import members`: what the file must look like. */
export function buildImportGuideCard(t: Translate): Card {
  const example = IMPORT_EXAMPLE_ROWS.map((r) => r.join(',')).join('\n');
  return card(t('import.guideTitle'), 'blue', [
    markdown(t('import.guideBody')),
    markdown(`${t('import.guideExample')}\n\`\`\`\n${example}\n\`\`\``),
    divider(),
    note(t('import.guideNotes')),
  ]);
}

/** What the result card shows. */
export interface ImportResultView {
  fileName: string;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Already translated lines ("第 17 行：…"), at most the ones to show. */
  errorLines: string[];
  /** Errors beyond `errorLines`, listed in the file `errorsFile`. */
  moreErrors: number;
  errorsFile?: string;
  /** The row at which a database error stopped the writes. */
  interruptedAt?: number;
}

/** The summary after an import: counts, the first errors, what to do next. */
export function buildImportResultCard(t: Translate, v: ImportResultView): Card {
  const tone = v.interruptedAt !== undefined ? 'red' : v.skipped > 0 ? 'orange' : 'green';
  const elements = [
    markdown(
      [
        t('import.resultFile', { file: escapeMarkdown(v.fileName) }),
        t('import.resultCounts', {
          total: v.total,
          created: v.created,
          updated: v.updated,
          unchanged: v.unchanged,
          skipped: v.skipped,
        }),
      ].join('\n'),
    ),
  ];
  if (v.interruptedAt !== undefined)
    elements.push(markdown(t('import.resultInterrupted', { line: v.interruptedAt })));
  if (v.errorLines.length > 0) {
    elements.push(divider());
    elements.push(
      markdown(
        [t('import.resultErrorsTitle'), ...v.errorLines.map((l) => `- ${escapeMarkdown(l)}`)].join('\n'),
      ),
    );
    if (v.moreErrors > 0 && v.errorsFile) {
      elements.push(
        markdown(t('import.resultMoreErrors', { count: v.moreErrors, file: escapeMarkdown(v.errorsFile) })),
      );
    }
    elements.push(note(t('import.resultRetry')));
  } else if (v.interruptedAt === undefined) {
    elements.push(note(t('import.resultAllGood')));
  }
  return card(t('import.resultTitle'), tone, elements);
}
