import { rowIssueValues, type RowIssue } from '../../../../shared/people/issues';
import { fieldLabel } from '../../api/errors';
import { i18n } from '../../i18n';

/** The language of the issue tables (shared/) the UI is showing. */
export const issueLanguage = (): 'zh' | 'en' => (i18n.language.startsWith('en') ? 'en' : 'zh');

/** A roster row's issue in the UI's language, naming the field by its label there. */
export function describeRowIssue(issue: RowIssue): string {
  return i18n.t(`importer.issues.${issue.code}`, rowIssueValues(issue, issueLanguage(), fieldLabel));
}

/** Several issues of one row as one line. */
export const describeRowIssues = (issues: readonly RowIssue[]): string =>
  issues.map(describeRowIssue).join(i18n.t('errors.listSeparator'));
