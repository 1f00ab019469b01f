import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/api/cases';
import { can } from '../../../../shared/api/contract';
import { Button } from '../../ui/Button';
import { useSession } from '../../store/session';

/** The case's 责任人 (or 未指定), with 指派 / 转交 for those who may assign while the case is open. */
export function CaseResponsible({ c, onAssign }: { c: Case; onAssign(): void }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  return (
    <>
      <span data-testid="case-responsible-name">
        {c.responsible ?? <span className="fact-note">{t('cases.assign.nobody')}</span>}
      </span>{' '}
      {c.status === 'open' && can(role, 'cases.assign') ? (
        <Button variant="link" onClick={onAssign} data-testid="case-assign">
          {c.responsible ? t('cases.assign.transfer') : t('cases.assign.assignOne')}
        </Button>
      ) : null}
    </>
  );
}
