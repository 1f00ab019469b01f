import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  campaignWarnings,
  SIGN_IN_MODES,
  type CampaignTarget,
  type CreatedCampaign,
  type SignInMode,
} from '../../../../shared/api/screening';
import { campaignTerm } from '../../../../shared/figures/periods';
import { addDays, todayIso } from '../../../../shared/people/date';
import { TIME_POINTS, type TimePoint } from '../../../../shared/people/perinatal';
import { compareClasses, compareGrades } from '../../../../shared/people/school';
import { describeError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { useSession } from '../../store/session';
import { programmeFor } from './api';
import { ChipSelect, HintedChoice } from './ui';
import { Button } from '../../ui/Button';
import sc from './screening.module.css';
import styles from './CreateCampaignDialog.module.css';

interface TargetDraft {
  key: number;
  grades: string[];
  classNames: string[];
  timePoints: TimePoint[];
  battery: string[];
}

// The usual batteries: PHQ-9 + GAD-7 at school; EPDS around birth (workflows.md).
const DEFAULT_BATTERY = { school: ['PHQ-9', 'GAD-7'], perinatal: ['EPDS'] } as const;

let nextKey = 1;

export function CreateCampaignDialog({
  onCreated,
  onClose,
}: {
  onCreated(campaign: CreatedCampaign): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const orgType = useSession((s) => s.status?.org?.type);
  const programme = programmeFor(orgType);
  const consentId = useId();

  const groups = useApiQuery('people.groups', {});
  const instruments = useApiQuery('instruments.list', {});
  const create = useApiMutation('campaigns.create', ['campaigns.list']);
  const busy = create.isPending;

  const usable = useMemo(
    () => (instruments.data ?? []).filter((i) => i.enabled && i.population.programmes.includes(programme)),
    [instruments.data, programme],
  );

  const today = todayIso();
  const [name, setName] = useState(() => defaultName(programme, t));
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(addDays(today, programme === 'school' ? 7 : 30));
  const [consentText, setConsentText] = useState(() =>
    programme === 'school' ? t('screening.create.consentSchool') : t('screening.create.consentPerinatal'),
  );
  const [showResult, setShowResult] = useState(false);
  // The programme's default (slips at a school, handbook + a second fact at a clinic).
  const [signIn, setSignIn] = useState<SignInMode>(() => SIGN_IN_MODES[programme][0]!);
  const [targets, setTargets] = useState<TargetDraft[]>([
    { key: nextKey++, grades: [], classNames: [], timePoints: [], battery: [] },
  ]);
  const [submitted, setSubmitted] = useState(false);

  // Once the library has loaded, empty batteries start with the usual scales (when enabled).
  useEffect(() => {
    if (!usable.length) return;
    const defaults = DEFAULT_BATTERY[programme].filter((id) => usable.some((i) => i.id === id));
    setTargets((ts) => ts.map((tg) => (tg.battery.length ? tg : { ...tg, battery: [...defaults] })));
  }, [usable, programme]);

  const gradeList = useMemo(
    () => [...(groups.data?.grades ?? [])].sort((a, b) => compareGrades(a.grade, b.grade)),
    [groups.data],
  );

  /** Students a set of targets names, each once (school only; time points depend on dates). */
  const estimate = useMemo(() => {
    if (programme !== 'school' || !groups.data) return null;
    const seen = new Map<string, number>();
    for (const tg of targets) {
      for (const g of gradeList) {
        if (tg.grades.length && !tg.grades.includes(g.grade)) continue;
        for (const c of g.classes) {
          if (tg.classNames.length && !tg.classNames.includes(c.className)) continue;
          seen.set(`${g.grade}\u0000${c.className}`, c.count);
        }
      }
    }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  }, [programme, groups.data, gradeList, targets]);

  const problems = {
    name: name.trim() ? undefined : t('validation.required', { field: t('screening.create.name') }),
    endsOn: endsOn && startsOn && endsOn < startsOn ? t('screening.create.endBeforeStart') : undefined,
    startsOn: startsOn ? undefined : t('validation.required', { field: t('screening.create.startsOn') }),
    consent: consentText.trim()
      ? undefined
      : t('validation.required', { field: t('screening.create.consent') }),
  };
  // Unknown ids count as having one: the warning is for a battery known to lack a self-harm item.
  const hasCriticalItem = (id: string) => instruments.data?.find((i) => i.id === id)?.critical.length !== 0;
  const batteryMissing = targets.some((tg) => tg.battery.length === 0);
  const invalid = Object.values(problems).some(Boolean) || batteryMissing;

  function patchTarget(key: number, patch: Partial<TargetDraft>) {
    setTargets((ts) => ts.map((tg) => (tg.key === key ? { ...tg, ...patch } : tg)));
  }

  function handleSubmit() {
    setSubmitted(true);
    create.reset();
    if (invalid) return;
    create.mutate(
      {
        name: name.trim(),
        programme,
        startsOn,
        endsOn,
        consentText: consentText.trim(),
        showResult,
        signIn,
        targets: targets.map((tg): CampaignTarget => {
          const out: CampaignTarget = { battery: tg.battery };
          if (programme === 'school') {
            if (tg.grades.length) out.grades = tg.grades;
            if (tg.classNames.length) out.classNames = tg.classNames;
          } else if (tg.timePoints.length) out.timePoints = tg.timePoints;
          return out;
        }),
      },
      {
        onSuccess: (campaign) => {
          onCreated(campaign);
          onClose();
        },
      },
    );
  }

  return (
    <Dialog
      size="lg"
      title={t('screening.create.title')}
      subtitle={
        programme === 'school' ? t('screening.create.introSchool') : t('screening.create.introPerinatal')
      }
      onClose={onClose}
      busy={busy}
      onSubmit={handleSubmit}
      testId="create-campaign-dialog"
      footer={
        <DialogActions
          onCancel={onClose}
          busy={busy}
          confirmLabel={busy ? t('screening.create.submitting') : t('screening.create.submit')}
        />
      }
    >
      <TextField
        label={t('screening.create.name')}
        required
        value={name}
        onValue={setName}
        error={submitted ? problems.name : undefined}
        maxLength={100}
        autoComplete="off"
      />
      <div className="form-grid">
        <TextField
          label={t('screening.create.startsOn')}
          required
          type="date"
          value={startsOn}
          onValue={setStartsOn}
          error={submitted ? problems.startsOn : undefined}
        />
        <TextField
          label={t('screening.create.endsOn')}
          required
          type="date"
          value={endsOn}
          onValue={setEndsOn}
          min={startsOn}
          error={problems.endsOn}
        />
      </div>

      <fieldset className="form-section">
        <legend className="form-section-title">{t('screening.create.targets')}</legend>
        {targets.map((tg, i) => (
          <div className={styles.target} key={tg.key} data-testid="campaign-target">
            <div className={styles.targetHead}>
              <span className={styles.targetTitle}>{t('screening.create.targetN', { n: i + 1 })}</span>
              {targets.length > 1 ? (
                <Button
                  variant="ghost"
                  size="sm"
                  icon="x"
                  onClick={() => setTargets((ts) => ts.filter((x) => x.key !== tg.key))}
                >
                  {t('screening.create.removeTarget')}
                </Button>
              ) : null}
            </div>
            {programme === 'school' ? (
              <>
                <ChipSelect
                  label={t('screening.create.grades')}
                  emptyMeans={t('screening.create.allGrades')}
                  options={gradeList.map((g) => ({
                    value: g.grade,
                    label: g.grade,
                    count: g.classes.reduce((a, c) => a + c.count, 0),
                  }))}
                  selected={tg.grades}
                  onChange={(grades) => patchTarget(tg.key, { grades, classNames: [] })}
                  testId="target-grades"
                />
                <ChipSelect
                  label={t('screening.create.classes')}
                  emptyMeans={t('screening.create.allClasses')}
                  options={classOptions(gradeList, tg.grades)}
                  selected={tg.classNames}
                  onChange={(classNames) => patchTarget(tg.key, { classNames })}
                  testId="target-classes"
                />
                {groups.data && gradeList.length === 0 ? (
                  <p className="field-hint">{t('screening.create.noStudents')}</p>
                ) : null}
              </>
            ) : (
              <ChipSelect
                label={t('screening.create.timePoints')}
                emptyMeans={t('screening.create.allTimePoints')}
                options={TIME_POINTS.map((p) => ({ value: p, label: t(`screening.timePoints.${p}`) }))}
                selected={tg.timePoints}
                onChange={(v) => patchTarget(tg.key, { timePoints: v as TimePoint[] })}
                testId="target-timepoints"
              />
            )}
            <ChipSelect
              label={t('screening.create.battery')}
              options={usable.map((ins) => ({ value: ins.id, label: `${ins.id} · ${ins.names[lang]}` }))}
              selected={tg.battery}
              onChange={(battery) => patchTarget(tg.key, { battery })}
              testId="target-battery"
            />
            {campaignWarnings([tg.battery], hasCriticalItem).map((w) => (
              <Alert key="no-critical" kind="warning" testId="no-critical-warning">
                {t('screening.create.noCriticalItem', { battery: w.battery.join(' + ') })}
              </Alert>
            ))}
            {submitted && tg.battery.length === 0 ? (
              <p className="field-error">
                <Icon name="alert" size={14} />
                {t('screening.create.batteryRequired')}
              </p>
            ) : null}
            {instruments.data && usable.length === 0 ? (
              <p className="field-hint">{t('screening.create.noInstruments')}</p>
            ) : null}
          </div>
        ))}
        <div className={styles.targetFoot}>
          <Button
            variant="secondary"
            size="sm"
            icon="plus"
            onClick={() =>
              setTargets((ts) => [
                ...ts,
                {
                  key: nextKey++,
                  grades: [],
                  classNames: [],
                  timePoints: [],
                  battery: [...(ts.at(-1)?.battery ?? [])],
                },
              ])
            }
            disabled={targets.length >= 20}
          >
            {t('screening.create.addTarget')}
          </Button>
          {estimate !== null ? (
            <span className={sc.muted} data-testid="campaign-estimate">
              {t('screening.create.estimate', { count: estimate })}
            </span>
          ) : (
            <span className={sc.muted}>{t('screening.create.perinatalNote')}</span>
          )}
        </div>
      </fieldset>

      <div className="field">
        <label className="field-label" htmlFor={consentId}>
          {t('screening.create.consent')}
        </label>
        <textarea
          id={consentId}
          className={`input ${styles.textarea}`}
          value={consentText}
          onChange={(e) => setConsentText(e.target.value)}
          rows={4}
          maxLength={5000}
          aria-invalid={Boolean(submitted && problems.consent)}
        />
        {submitted && problems.consent ? (
          <p className="field-error">{problems.consent}</p>
        ) : (
          <p className="field-hint">{t('screening.create.consentHint')}</p>
        )}
      </div>

      <fieldset className="field" data-testid="campaign-sign-in">
        <legend className="field-label">{t('screening.create.signIn')}</legend>
        {SIGN_IN_MODES[programme].map((mode) => (
          <HintedChoice
            key={mode}
            name="sign-in"
            checked={signIn === mode}
            onChange={() => setSignIn(mode)}
            label={t(`screening.board.signIn.${mode}`)}
            hint={t(`screening.create.signInHint.${mode}`)}
            testId={`sign-in-${mode}`}
          />
        ))}
      </fieldset>

      <HintedChoice
        type="checkbox"
        role="switch"
        checked={showResult}
        onChange={setShowResult}
        label={
          programme === 'school'
            ? t('screening.create.showResultSchool')
            : t('screening.create.showResultPerinatal')
        }
        hint={t('screening.create.showResultHint')}
        testId="show-result"
      />

      {groups.error || instruments.error ? (
        <Alert>{describeError(groups.error ?? instruments.error)}</Alert>
      ) : null}
      {create.error ? <Alert testId="create-campaign-error">{describeError(create.error)}</Alert> : null}
    </Dialog>
  );
}

function defaultName(programme: 'school' | 'perinatal', t: TFunction): string {
  const now = new Date();
  const month = now.getMonth() + 1;
  if (programme === 'perinatal')
    return t('screening.create.defaultNamePerinatal', { year: now.getFullYear(), month });
  const term = t(`screening.create.${campaignTerm(todayIso(now))}`);
  return t('screening.create.defaultNameSchool', { year: now.getFullYear(), term });
}

function classOptions(
  grades: readonly { grade: string; classes: readonly { className: string; count: number }[] }[],
  picked: readonly string[],
): { value: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const g of grades) {
    if (picked.length && !picked.includes(g.grade)) continue;
    for (const c of g.classes) counts.set(c.className, (counts.get(c.className) ?? 0) + c.count);
  }
  return [...counts]
    .sort(([a], [b]) => compareClasses(a, b))
    .map(([className, count]) => ({ value: className, label: className, count }));
}
