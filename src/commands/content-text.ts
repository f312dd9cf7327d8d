/** Chinese (and English) wording of library problems, shared by the form, edit and import. */
import type { Role } from '../domain/access.js';
import type { ContentImportError } from '../domain/content-import.js';
import type { ContentProblem } from '../domain/content-items.js';
import type { Translate } from '../i18n/index.js';

/** One problem of an item as a sentence. */
export function contentProblemText(t: Translate, p: ContentProblem | ContentImportError): string {
  return t(`content.problem.${p.problem}`, { value: p.value ?? '' });
}

/** One problem of an import file, e.g. 第 3 行：缺少标题…. */
export function importErrorText(t: Translate, e: ContentImportError): string {
  return t('content.import.lineError', { line: e.line, reason: contentProblemText(t, e) });
}

/** Who may change the library. */
export const CONTENT_EDITORS: readonly Role[] = ['admin', 'supervisor'];
