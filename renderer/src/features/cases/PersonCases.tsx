import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Case } from '../../../../shared/api/cases';
import { Icon } from '../../ui/Icon';
import { useContentLanguage } from '../../lib/format';
import { CaseHistory } from './CaseHistory';
import { DueText, LevelChip, levelName, nextAction, taskKey, type Levels } from './caseText';

/** On a person's file: each case with its next action, a link to the open one, and its history. */
export function PersonCases({ cases, levels }: { cases: readonly Case[]; levels: Levels }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  if (cases.length === 0) return null;
  return (
    <section className="card file-card" data-testid="person-cases">
      <header className="card-head">
        <h2 className="card-title">{t('cases.personCases')}</h2>
      </header>
      {cases.map((c) => {
        const next = nextAction(c);
        return (
          <div key={c.id} data-testid="person-case" data-status={c.status}>
            <div className="person-case-link">
              <span className="case-chips">
                <LevelChip levels={levels} level={c.level} />
                <span className="chip">{t(`cases.page.status.${c.status}`)}</span>
                {next ? (
                  <span>
                    {t(taskKey(next.kind))} <DueText dueOn={next.dueOn} />
                  </span>
                ) : null}
              </span>
              {c.status === 'open' ? (
                <Link
                  to={`/app/cases/${c.id}`}
                  className="btn btn-secondary btn-sm no-print"
                  data-testid="open-case"
                >
                  <Icon name="file" size={14} />
                  {t('cases.personLink', { level: levelName(levels, c.level, lang) })}
                </Link>
              ) : null}
            </div>
            <CaseHistory events={c.events} levels={levels} />
          </div>
        );
      })}
    </section>
  );
}
