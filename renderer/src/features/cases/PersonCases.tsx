import { useTranslation } from 'react-i18next';
import { Tag } from '../../ui/Tag';
import { FileCard } from '../people/FileLayout';
import styles from './CasePage.module.css';
import type { Case } from '../../../../shared/api/cases';
import { useContentLanguage } from '../../lib/format';
import { CaseHistory } from './CaseHistory';
import { CaseChips, DueText, LevelChip, levelName, nextAction, taskKey, type Levels } from './caseText';
import { LinkButton } from '../../ui/Button';

/** On a person's file: each case with its next action, a link to the open one, and its history. */
export function PersonCases({ cases, levels }: { cases: readonly Case[]; levels: Levels }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  if (cases.length === 0) return null;
  return (
    <FileCard title={t('cases.personCases')} testId="person-cases">
      {cases.map((c) => {
        const next = nextAction(c);
        return (
          <div key={c.id} data-testid="person-case" data-status={c.status}>
            <div className={styles.personCase}>
              <CaseChips>
                <LevelChip levels={levels} level={c.level} />
                <Tag>{t(`cases.page.status.${c.status}`)}</Tag>
                {next ? (
                  <span>
                    {t(taskKey(next.kind))} <DueText dueOn={next.dueOn} />
                  </span>
                ) : null}
              </CaseChips>
              {c.status === 'open' ? (
                <LinkButton
                  variant="secondary"
                  size="sm"
                  className="no-print"
                  icon="file"
                  to={`/app/cases/${c.id}`}
                  data-testid="open-case"
                >
                  {t('cases.personLink', { level: levelName(levels, c.level, lang) })}
                </LinkButton>
              ) : null}
            </div>
            <CaseHistory events={c.events} levels={levels} />
          </div>
        );
      })}
    </FileCard>
  );
}
