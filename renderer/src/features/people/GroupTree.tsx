import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/Icon';

export interface GradeGroup {
  grade: string;
  classes: { className: string; count: number }[];
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
  // Small schools see every class at once; large ones open the grade they are in.
  const [open, setOpen] = useState<Set<string>>(() =>
    grades.length <= 4 ? new Set(grades.map((g) => g.grade)) : new Set(grade ? [grade] : []),
  );
  const toggle = (g: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(g)) next.delete(g);
      else next.add(g);
      return next;
    });

  return (
    <nav className="group-tree" aria-label={t('people.groups')} data-testid="group-tree">
      <button
        type="button"
        className={`tree-node tree-all${!grade ? ' is-active' : ''}`}
        aria-current={!grade || undefined}
        onClick={() => onPick('', '')}
      >
        <Icon name="users" size={15} />
        <span className="tree-label">{t('students.allStudents')}</span>
        <span className="tree-count">{total}</span>
      </button>
      <ul className="tree-list">
        {grades.map((g) => {
          const count = g.classes.reduce((sum, c) => sum + c.count, 0);
          const expanded = open.has(g.grade);
          return (
            <li key={g.grade}>
              <div className="tree-row">
                <button
                  type="button"
                  className="tree-toggle"
                  aria-expanded={expanded}
                  aria-label={t(expanded ? 'people.collapse' : 'people.expand', { name: g.grade })}
                  onClick={() => toggle(g.grade)}
                >
                  <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={14} />
                </button>
                <button
                  type="button"
                  className={`tree-node${grade === g.grade && !className ? ' is-active' : ''}`}
                  aria-current={(grade === g.grade && !className) || undefined}
                  onClick={() => {
                    onPick(g.grade, '');
                    setOpen((s) => new Set(s).add(g.grade));
                  }}
                >
                  <span className="tree-label">{g.grade}</span>
                  <span className="tree-count">{count}</span>
                </button>
              </div>
              {expanded ? (
                <ul className="tree-list tree-classes">
                  {g.classes.map((c) => {
                    const active = grade === g.grade && className === c.className;
                    return (
                      <li key={c.className}>
                        <button
                          type="button"
                          className={`tree-node tree-leaf${active ? ' is-active' : ''}`}
                          aria-current={active || undefined}
                          onClick={() => onPick(g.grade, c.className)}
                          data-testid="tree-class"
                        >
                          <span className="tree-label">{c.className}</span>
                          <span className="tree-count">{c.count}</span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
