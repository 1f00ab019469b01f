import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassRef } from '../../../../shared/api/auth';
import type { ApiOutput } from '../../../../shared/api/contract';
import { presetPeriod } from '../../../../shared/figures/periods';
import type { Programme } from '../../../../shared/instruments/schema';
import { useApiQuery } from '../../api/query';
import { SelectField, TextField } from '../../ui/Field';
import { todayIso } from '../../../../shared/people/date';
import { useSession } from '../../store/session';
import { groupReportPath } from './GroupReportPage';
import { LinkButton } from '../../ui/Button';

/** A class teacher's own classes, shaped as the roster's groups (they may not ask for the rest). */
function ownGroups(own: readonly ClassRef[]): ApiOutput<'people.groups'> {
  return {
    grades: [...new Set(own.map((c) => c.grade))].map((grade) => ({
      grade,
      classes: own.filter((c) => c.grade === grade).map((c) => ({ className: c.className, count: 0 })),
    })),
    townships: [],
  };
}

/**
 * On the export page: pick a class or grade (or a township) and a period, and open its printable
 * report. A class teacher picks among their own classes only, as reports.group allows.
 */
export function GroupReportPicker({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.status?.user);
  const own = user?.role === 'class_teacher' ? user.classes : null;
  const roster = useApiQuery('people.groups', {}, { enabled: !own });
  const groups = { data: own ? ownGroups(own) : roster.data };
  const initial = presetPeriod(programme === 'school' ? 'term' : 'year', todayIso());
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [grade, setGrade] = useState('');
  const [className, setClassName] = useState('');
  const [township, setTownship] = useState('');
  const grades = groups.data?.grades ?? [];
  const chosenGrade = grade || grades[0]?.grade || '';
  const classes = grades.find((g) => g.grade === chosenGrade)?.classes ?? [];
  // A class teacher has no whole-grade report: the first of their classes stands chosen.
  const chosenClass = className || (own ? (classes[0]?.className ?? '') : '');
  const chosenTownship = township || groups.data?.townships[0]?.township || '';
  const group =
    programme === 'school'
      ? { grade: chosenGrade, ...(chosenClass ? { className: chosenClass } : {}) }
      : { township: chosenTownship };
  const ready = Boolean(from && to && from <= to && (programme === 'school' ? chosenGrade : chosenTownship));

  return (
    <section className="card card-pad" data-testid="group-report-picker">
      <h2 className="card-title">{t('reports.group.open')}</h2>
      <p className="field-hint">{t('reports.group.openHint')}</p>
      <div className="form-grid">
        {programme === 'school' ? (
          <>
            <SelectField
              label={t('reports.group.pickGrade')}
              data-testid="report-grade"
              value={chosenGrade}
              onValue={(value) => {
                setGrade(value);
                setClassName('');
              }}
              options={grades.map((g) => ({ value: g.grade, label: g.grade }))}
            />
            <SelectField
              label={t('reports.group.pickClass')}
              data-testid="report-class"
              value={chosenClass}
              onValue={setClassName}
              {...(own ? {} : { placeholder: t('reports.group.wholeGrade') })}
              options={classes.map((c) => ({ value: c.className, label: c.className }))}
            />
          </>
        ) : (
          <SelectField
            label={t('reports.group.pickTownship')}
            data-testid="report-township"
            value={chosenTownship}
            onValue={setTownship}
            options={(groups.data?.townships ?? []).map((w) => ({ value: w.township, label: w.township }))}
          />
        )}
        <TextField label={t('export.from')} type="date" value={from} onValue={setFrom} />
        <TextField label={t('export.to')} type="date" value={to} onValue={setTo} />
      </div>
      {ready ? (
        <LinkButton
          variant="primary"
          icon="printer"
          to={groupReportPath({ programme, from, to, ...group })}
          data-testid="group-report-open"
        >
          {t('reports.group.open')}
        </LinkButton>
      ) : (
        <p className="fact-note">{t('reports.group.needPeriod')}</p>
      )}
    </section>
  );
}
