import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignProgress } from '../../../../../shared/api/screening';
import type { InstrumentDefinition, Language } from '../../../../../shared/instruments/schema';
import { describeError } from '../../../api/errors';
import { toast } from '../../../store/toast';
import { Button } from '../../../ui/Button';
import { ChipSelect, HintedChoice } from '../ui';
import { PrintSheets, sheetLayout, type SheetPerson } from './PrintSheets';
import sc from '../screening.module.css';
import styles from './PaperPage.module.css';

const MAX_BLANK = 500;

/** Printing the questionnaires: for the roster (with names and slip codes) or blank copies. */
export function PrintPanel({
  progress,
  ensureSlips,
  defs,
  lang,
}: {
  progress: CampaignProgress;
  ensureSlips(): Promise<Map<number, string>>;
  defs: InstrumentDefinition[];
  lang: Language;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(() => progress.campaign.targets[0]?.battery ?? []);
  const [mode, setMode] = useState<'roster' | 'blank'>('roster');
  const [groups, setGroups] = useState<string[]>([]);
  const [pendingOnly, setPendingOnly] = useState(true);
  const [copies, setCopies] = useState('30');
  const [job, setJob] = useState<(SheetPerson | null)[] | null>(null);

  const people = useMemo(
    () =>
      progress.people.filter(
        (p) =>
          (!groups.length || groups.includes(p.group)) &&
          (!pendingOnly || p.status === 'due' || p.status === 'absent' || p.status === 'in_progress'),
      ),
    [progress.people, groups, pendingOnly],
  );
  const blankCount = Math.min(MAX_BLANK, Math.max(0, Number(copies) || 0));
  const count = mode === 'roster' ? people.length : blankCount;
  const printDefs = defs.filter((d) => chosen.includes(d.id));
  // One page for PHQ-9 + GAD-7; a longer battery is an even number of pages, to print two-sided.
  const pages = sheetLayout(printDefs).pages;

  async function print() {
    if (!printDefs.length || count === 0) return;
    if (mode === 'blank') return setJob(Array.from({ length: blankCount }, () => null));
    let slips: Map<number, string> | null = null;
    try {
      slips = await ensureSlips();
    } catch (error) {
      // Sheets without codes still work: people are then found by number or name.
      toast.error(describeError(error));
    }
    setJob(
      people.map((p) => ({
        name: p.name,
        number: p.number,
        group: p.group,
        slipCode: slips?.get(p.personId) ?? null,
      })),
    );
  }

  return (
    <section className={`card card-pad ${styles.print}`} data-testid="print-panel">
      <ChipSelect
        label={t('screening.paper.instruments')}
        options={defs.map((d) => ({ value: d.id, label: `${d.id} · ${d.names[lang]}` }))}
        selected={chosen}
        onChange={setChosen}
      />
      <div className={styles.radioRow} role="radiogroup" aria-label={t('screening.paper.who')}>
        {(['roster', 'blank'] as const).map((choice) => (
          <HintedChoice
            key={choice}
            name="print-mode"
            checked={mode === choice}
            onChange={() => setMode(choice)}
            label={choice === 'roster' ? t('screening.paper.byRoster') : t('screening.paper.blankSheets')}
            hint={choice === 'roster' ? t('screening.paper.byRosterHint') : t('screening.paper.blankHint')}
          />
        ))}
      </div>
      {mode === 'roster' ? (
        <>
          <ChipSelect
            label={
              progress.campaign.programme === 'school'
                ? t('screening.common.class')
                : t('screening.common.township')
            }
            emptyMeans={t('screening.paper.everyone')}
            options={progress.groups.map((g) => ({ value: g.group, label: g.group, count: g.total }))}
            selected={groups}
            onChange={setGroups}
          />
          <label className={styles.checkInline}>
            <input type="checkbox" checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} />
            {t('screening.paper.pendingOnly')}
          </label>
        </>
      ) : (
        <label className={`field ${sc.port}`}>
          <span className="field-label">{t('screening.paper.copies')}</span>
          <input
            className="input"
            inputMode="numeric"
            value={copies}
            onChange={(e) => setCopies(e.target.value.replace(/\D/g, '').slice(0, 3))}
          />
        </label>
      )}
      <div className={styles.printFoot}>
        <span className={sc.muted} data-testid="print-count">
          {t('screening.paper.willPrint', { count })}
          {pages > 1 ? ` ${t('screening.paper.twoSided', { pages })}` : ''}
        </span>
        <Button
          variant="primary"
          icon="printer"
          onClick={() => void print()}
          disabled={!printDefs.length || count === 0}
          data-testid="print-button"
        >
          {t('screening.paper.print')}
        </Button>
      </div>
      {job ? (
        <PrintSheets
          campaign={progress.campaign}
          defs={printDefs}
          people={job}
          lang={lang}
          onPrinted={() => setJob(null)}
        />
      ) : null}
    </section>
  );
}
