import { rowIssueValues, type RowIssue } from '../../../../shared/people/issues';
import { fieldLabel } from '../../api/errors';
import { i18n } from '../../i18n';
import { contentLanguage } from '../../lib/format';

/** A roster row's issue in the UI's language, naming the field by its label there. */
export function describeRowIssue(issue: RowIssue): string {
  return i18n.t(`importer.issues.${issue.code}`, rowIssueValues(issue, contentLanguage(), fieldLabel));
}

/** Several issues of one row as one line. */
export const describeRowIssues = (issues: readonly RowIssue[]): string =>
  issues.map(describeRowIssue).join(i18n.t('errors.listSeparator'));
