import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../ui/Icon';
import styles from './GroupTree.module.css';

export interface GradeGroup {
  grade: string;
  classes: { className: string; count: number }[];
}

/** One pickable group with its head count; `aria-current` marks (and styles) the picked one. */
function TreeNode({
  label,
  count,
  active,
  onPick,
  variant,
  icon,
  testId,
}: {
  label: ReactNode;
  count: number;
  active: boolean;
  onPick(): void;
  variant?: 'all' | 'leaf';
  icon?: IconName;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={variant ? `${styles.node} ${styles[variant]}` : styles.node}
      aria-current={active || undefined}
      onClick={onPick}
      data-testid={testId}
    >
      {icon ? <Icon name={icon} size={15} /> : null}
      <span className={styles.label}>{label}</span>
      <span className={styles.count}>{count}</span>
    </button>
  );
}

/** Grades → classes with head counts, in school order; picking a node filters the register. */
export function GroupTree({
  grades,
  total,
  grade,
  className,
  onPick,
}: {
  grades: readonly GradeGroup[];
  total: number;
  grade: string;
  className: string;
  onPick(grade: string, className: string): void;
}) {
  const { t } = useTranslation();
  // Small schools see every class at once; large ones open the grade they are in. Decided as the
  // counts arrive (they may come after the tree first shows), then as the user opens and closes.
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const isOpen = (g: string) => toggled.get(g) ?? (grades.length <= 4 || g === grade);
  const toggle = (g: string, open = !isOpen(g)) => setToggled((m) => new Map(m).set(g, open));

  return (
    <nav className={styles.tree} aria-label={t('people.groups')} data-testid="group-tree">
      <TreeNode
        variant="all"
        icon="users"
        label={t('students.allStudents')}
        count={total}
        active={!grade}
        onPick={() => onPick('', '')}
      />
      <ul className={styles.list}>
        {grades.map((g) => {
          const expanded = isOpen(g.grade);
          return (
            <li key={g.grade}>
              <div className={styles.row}>
                <button
                  type="button"
                  className={styles.toggle}
                  aria-expanded={expanded}
                  aria-label={t(expanded ? 'people.collapse' : 'people.expand', { name: g.grade })}
                  onClick={() => toggle(g.grade)}
                >
                  <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={14} />
                </button>
                <TreeNode
                  label={g.grade}
                  count={g.classes.reduce((sum, c) => sum + c.count, 0)}
                  active={grade === g.grade && !className}
                  onPick={() => {
                    onPick(g.grade, '');
                    toggle(g.grade, true);
                  }}
                />
              </div>
              {expanded ? (
                <ul className={`${styles.list} ${styles.classes}`}>
                  {g.classes.map((c) => (
                    <li key={c.className}>
                      <TreeNode
                        variant="leaf"
                        label={c.className}
                        count={c.count}
                        active={grade === g.grade && className === c.className}
                        onPick={() => onPick(g.grade, c.className)}
                        testId="tree-class"
                      />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The perinatal register's side list: every township with its head count. */
export function TownshipTree({
  townships,
  total,
  township,
  onPick,
}: {
  townships: readonly { township: string; count: number }[];
  total: number;
  township: string;
  onPick(township: string): void;
}) {
  const { t } = useTranslation();
  return (
    <nav className={styles.tree} aria-label={t('women.townships')} data-testid="township-list">
      <p className={styles.heading}>{t('women.townships')}</p>
      <TreeNode
        variant="all"
        icon="maternal"
        label={t('women.allTownships')}
        count={total}
        active={!township}
        onPick={() => onPick('')}
      />
      <ul className={styles.list}>
        {townships.map((tw) => (
          <li key={tw.township}>
            <TreeNode
              variant="leaf"
              label={tw.township}
              count={tw.count}
              active={township === tw.township}
              onPick={() => onPick(tw.township)}
            />
          </li>
        ))}
      </ul>
    </nav>
  );
}
