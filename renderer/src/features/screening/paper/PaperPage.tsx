import { BlankMarks } from '../../../ui/BlankMarks';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type {
  CampaignProgress,
  ScreeningOutcome,
  ScreeningSession,
} from '../../../../../shared/api/screening';
import type { InstrumentDefinition, Language } from '../../../../../shared/instruments/schema';
import { displayOptions } from '../../../../../shared/instruments/options';
import { invoke } from '../../../api/client';
import { describeError } from '../../../api/errors';
import { Alert } from '../../../ui/Alert';
import { Icon } from '../../../ui/Icon';
import { Spinner } from '../../../ui/Spinner';
import { formatDateTime } from '../../../lib/format';
import { useApi } from '../../../lib/useApi';
import { usePageTitle } from '../../../lib/usePageTitle';
import { toast } from '../../../store/toast';
import { campaignBattery, loadSlips, normaliseCode, type Participant } from '../api';
import { BackLink, ChipSelect, StatusBadge } from '../ui';
import { EntryGrid, focusCell, gridItems, type Cells, type GridItem } from './EntryGrid';
import { PrintSheets, type SheetPerson } from './PrintSheets';
import { Button } from '../../../ui/Button';

const DOUBLE_KEY = 'anxin.paper.doubleEntry';
const MAX_MATCHES = 8;
const MAX_BLANK = 500;

type Tab = 'entry' | 'print';

/** 纸质录入: print the forms, then type the returned sheets in fast. */
export function PaperPage() {
  const { t } = useTranslation();
  usePageTitle(t('screening.paper.title'));
  const id = Number(useParams().id);
  const progress = useApi(() => invoke('campaigns.progress', { id }), [id]);
  // Slip codes are made (and audited) on first request: fetched only when printing or typing one.
  const [slips, setSlips] = useState<Map<number, string> | null>(null);
  const slipsRequest = useRef<Promise<Map<number, string>> | null>(null);
  const ensureSlips = useCallback(() => {
    slipsRequest.current ??= loadSlips(id).then(
      (map) => {
        setSlips(map);
        return map;
      },
      (error: unknown) => {
        slipsRequest.current = null;
        throw error;
      },
    );
    return slipsRequest.current;
  }, [id]);
  const battery = useMemo(
    () => (progress.data ? campaignBattery(progress.data.campaign) : []),
    [progress.data],
  );
  const defs = useApi(
    () => Promise.all(battery.map((b) => invoke('instruments.get', { id: b }))),
    [battery.join('|')],
  );
  const [tab, setTab] = useState<Tab>('entry');
  // The language the sheets were printed in decides the order of options, hence what each digit means.
  const [paperLang, setPaperLang] = useState<Language>('zh');

  if (progress.error && !progress.data) {
    return (
      <div className="page">
        <BackLink to={`/app/campaigns/${id}`} label={t('screening.kiosk.backToCampaign')} />
        <Alert>{describeError(progress.error)}</Alert>
      </div>
    );
  }
  if (!progress.data || !defs.data) {
    return (
      <div className="page">
        <section className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </section>
      </div>
    );
  }

  return (
    <div className="page" data-testid="paper-page">
      <BackLink to={`/app/campaigns/${id}`} label={t('screening.kiosk.backToCampaign')} />
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('screening.paper.title')}</h1>
          <p className="page-subtitle">{progress.data.campaign.name}</p>
        </div>
        <label className="sc-inline-field">
          <span>{t('screening.paper.paperLanguage')}</span>
          <select
            className="input select"
            value={paperLang}
            onChange={(e) => setPaperLang(e.target.value as Language)}
            data-testid="paper-language"
          >
            {/* Each language named in itself, as in the language switch. */}
            <option value="zh" lang="zh-CN">
              {t('language.zh')}
            </option>
            <option value="en" lang="en">
              {t('language.en')}
            </option>
          </select>
        </label>
      </div>
      <div className="sc-tabs" role="tablist">
        {(['entry', 'print'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className="sc-tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
            data-testid={`paper-tab-${name}`}
          >
            <Icon name={name === 'entry' ? 'edit' : 'printer'} size={16} />
            {t(`screening.paper.tab.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'entry' ? (
        <EntryPanel
          campaignId={id}
          progress={progress.data}
          slips={slips}
          ensureSlips={ensureSlips}
          lang={paperLang}
          onSaved={progress.reload}
        />
      ) : (
        <PrintPanel progress={progress.data} ensureSlips={ensureSlips} defs={defs.data} lang={paperLang} />
      )}
    </div>
  );
}

function PrintPanel({
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

  useEffect(() => {
    if (!job) return;
    const done = () => setJob(null);
    window.addEventListener('afterprint', done, { once: true });
    // Let React put the sheets into the page before the print dialog takes its snapshot.
    const frame = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('afterprint', done);
    };
  }, [job]);

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
    <section className="card card-pad sc-print" data-testid="print-panel">
      <ChipSelect
        label={t('screening.paper.instruments')}
        options={defs.map((d) => ({ value: d.id, label: `${d.id} · ${d.names[lang]}` }))}
        selected={chosen}
        onChange={setChosen}
      />
      <div className="sc-radio-row" role="radiogroup" aria-label={t('screening.paper.who')}>
        <label className={`checkbox${mode === 'roster' ? '' : ''}`}>
          <input
            type="radio"
            name="print-mode"
            checked={mode === 'roster'}
            onChange={() => setMode('roster')}
          />
          <span>
            {t('screening.paper.byRoster')}
            <span className="sc-checkbox-hint">{t('screening.paper.byRosterHint')}</span>
          </span>
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="print-mode"
            checked={mode === 'blank'}
            onChange={() => setMode('blank')}
          />
          <span>
            {t('screening.paper.blankSheets')}
            <span className="sc-checkbox-hint">{t('screening.paper.blankHint')}</span>
          </span>
        </label>
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
          <label className="sc-check-inline">
            <input type="checkbox" checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} />
            {t('screening.paper.pendingOnly')}
          </label>
        </>
      ) : (
        <label className="field sc-port">
          <span className="field-label">{t('screening.paper.copies')}</span>
          <input
            className="input"
            inputMode="numeric"
            value={copies}
            onChange={(e) => setCopies(e.target.value.replace(/\D/g, '').slice(0, 3))}
          />
        </label>
      )}
      <div className="sc-print-foot">
        <span className="sc-muted" data-testid="print-count">
          {t('screening.paper.willPrint', { count })}
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
      {job ? <PrintSheets campaign={progress.campaign} defs={printDefs} people={job} lang={lang} /> : null}
    </section>
  );
}

interface Current {
  person: Participant;
  session: ScreeningSession;
  items: GridItem[];
}

interface Recent {
  name: string;
  at: string;
  complete: boolean;
  critical: boolean;
  /** The sheet's results, so blanks are marked as everywhere else (部分作答, 第9题未作答). */
  results: ScreeningOutcome['results'];
}

function EntryPanel({
  campaignId,
  progress,
  slips,
  ensureSlips,
  lang,
  onSaved,
}: {
  campaignId: number;
  progress: CampaignProgress;
  slips: Map<number, string> | null;
  ensureSlips(): Promise<unknown>;
  lang: Language;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState<Current | null>(null);
  const [cells, setCells] = useState<Cells>({});
  const [pass, setPass] = useState<1 | 2 | 'resolve'>(1);
  const [first, setFirst] = useState<Cells | null>(null);
  const [flagged, setFlagged] = useState<Set<string>>(new Set());
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [double, setDouble] = useState(() => localStorage.getItem(DOUBLE_KEY) === '1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [recent, setRecent] = useState<Recent[]>([]);
  const [critical, setCritical] = useState<string[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const definitions = useRef(new Map<string, InstrumentDefinition>());
  // A cell to focus once React has committed the grid (a new sheet, a flagged item, a gap).
  const [focusRequest, setFocusRequest] = useState<{ key?: string; n: number } | null>(null);
  const requestFocus = (key?: string) => setFocusRequest((r) => ({ key, n: (r?.n ?? 0) + 1 }));
  useEffect(() => {
    if (focusRequest) focusCell(gridRef, focusRequest.key);
  }, [focusRequest]);

  const matches = useMemo(() => {
    const q = query.trim().toUpperCase();
    if (!q) return [];
    const code = normaliseCode(q);
    const exact: Participant[] = [];
    const partial: Participant[] = [];
    for (const p of progress.people) {
      const number = (p.number ?? '').toUpperCase();
      const slip = normaliseCode(slips?.get(p.personId) ?? '');
      if (number === q || (code && slip === code)) exact.push(p);
      else if (number.includes(q) || (code && slip.includes(code)) || p.name.toUpperCase().includes(q))
        partial.push(p);
    }
    return [...exact, ...partial].slice(0, MAX_MATCHES);
  }, [query, progress.people, slips]);

  function resetEntry() {
    setCurrent(null);
    setCells({});
    setPass(1);
    setFirst(null);
    setFlagged(new Set());
    setConfirmed(new Set());
    setFocusKey(null);
    setNotice(null);
    setQuery('');
    requestAnimationFrame(() => searchRef.current?.focus());
  }

  async function pick(person: Participant) {
    setBusy(true);
    setError(null);
    try {
      const session = await invoke('screening.start', {
        campaignId,
        personId: person.personId,
        mode: 'paper',
      });
      const defs = await Promise.all(
        session.battery.map(async (b) => {
          const known = definitions.current.get(b);
          if (known) return known;
          const def = await invoke('instruments.get', { id: b });
          definitions.current.set(b, def);
          return def;
        }),
      );
      const items = gridItems(defs, lang);
      // A sheet started earlier (a half-typed paper form, a kiosk sitting) comes back as it was.
      const prefilled: Cells = {};
      for (const item of items) {
        const value = session.answers[item.def.id]?.[item.itemId];
        if (value === undefined) continue;
        const position = displayOptions(item.def, item.itemId, lang).findIndex((o) => o.value === value);
        if (position !== -1) prefilled[item.key] = String(position + 1);
      }
      setCurrent({ person, session, items });
      setCells(prefilled);
      setPass(1);
      setNotice(
        Object.keys(prefilled).length
          ? t('screening.paper.resumed', { count: Object.keys(prefilled).length })
          : null,
      );
      requestFocus();
    } catch (err) {
      setError(describeError(err, { conflict: t('screening.paper.alreadyDone') }));
    } finally {
      setBusy(false);
    }
  }

  function onSearch(event: FormEvent) {
    event.preventDefault();
    if (matches[0]) void pick(matches[0]);
  }

  function setCell(key: string, value: string) {
    setCells((c) => ({ ...c, [key]: value }));
    if (pass === 'resolve' && flagged.has(key)) setConfirmed((s) => new Set(s).add(key));
    setError(null);
  }

  async function enter() {
    if (!current || busy) return;
    const missing = current.items.filter((i) => !cells[i.key]);
    if (missing.length) {
      setError(t('screening.paper.incomplete', { count: missing.length }));
      requestFocus(missing[0]!.key);
      return;
    }
    if (double && pass === 1) {
      setFirst(cells);
      setCells({});
      setPass(2);
      setNotice(t('screening.paper.secondPass'));
      requestFocus();
      return;
    }
    if (double && pass === 2 && first) {
      const differing = current.items.filter((i) => first[i.key] !== cells[i.key]).map((i) => i.key);
      if (differing.length) {
        setFlagged(new Set(differing));
        setConfirmed(new Set());
        setPass('resolve');
        setNotice(null);
        setError(t('screening.paper.mismatch', { count: differing.length }));
        requestFocus(differing[0]);
        return;
      }
    }
    if (pass === 'resolve') {
      const open = [...flagged].filter((k) => !confirmed.has(k));
      if (open.length) {
        setError(t('screening.paper.confirmFlagged', { count: open.length }));
        requestFocus(open[0]);
        return;
      }
    }
    await save(current);
  }

  async function save({ person, session, items }: Current) {
    setBusy(true);
    setError(null);
    try {
      for (const item of items) {
        const cell = cells[item.key];
        if (!cell || cell === '-') continue;
        const option = displayOptions(item.def, item.itemId, lang)[Number(cell) - 1];
        if (!option) continue;
        if (session.answers[item.def.id]?.[item.itemId] === option.value) continue;
        await invoke('screening.saveAnswer', {
          screeningId: session.screeningId,
          instrumentId: item.def.id,
          itemId: item.itemId,
          value: option.value,
        });
      }
      const outcome = await invoke('screening.submit', {
        screeningId: session.screeningId,
        allowIncomplete: true,
      });
      const isCritical = outcome.results.some((r) => r.critical);
      const complete = outcome.results.every((r) => r.complete);
      if (isCritical) setCritical((c) => [person.name, ...c.filter((n) => n !== person.name)]);
      setRecent((r) =>
        [
          {
            name: person.name,
            at: new Date().toISOString(),
            complete,
            critical: isCritical,
            results: outcome.results,
          },
          ...r,
        ].slice(0, 20),
      );
      toast.success(t('screening.paper.saved', { name: person.name }));
      onSaved();
      resetEntry();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  function toggleDouble(on: boolean) {
    setDouble(on);
    localStorage.setItem(DOUBLE_KEY, on ? '1' : '0');
    setPass(1);
    setFirst(null);
    setFlagged(new Set());
  }

  const filled = current ? current.items.filter((i) => cells[i.key]).length : 0;
  return (
    <div className="pe-layout">
      <div className="pe-main">
        {critical.length ? (
          <Alert title={t('screening.paper.criticalTitle')} testId="paper-critical">
            {progress.campaign.programme === 'perinatal'
              ? t('screening.paper.criticalBodyPerinatal', {
                  names: critical.join(t('common.listSeparator')),
                })
              : t('screening.paper.criticalBody', { names: critical.join(t('common.listSeparator')) })}{' '}
            <Button variant="link" onClick={() => setCritical([])}>
              {t('screening.paper.criticalDismiss')}
            </Button>
          </Alert>
        ) : null}
        <section className="card card-pad pe-card">
          <div className="pe-toolbar">
            <label className="sc-check-inline">
              <input
                type="checkbox"
                checked={double}
                onChange={(e) => toggleDouble(e.target.checked)}
                data-testid="double-entry"
              />
              {t('screening.paper.doubleEntry')}
            </label>
            <span className="sc-muted">{t('screening.paper.keysHint')}</span>
          </div>
          {!current ? (
            <form onSubmit={onSearch} className="pe-search">
              <label className="field">
                <span className="field-label">{t('screening.paper.find')}</span>
                <div className="search pe-search-box">
                  <Icon name="search" size={16} className="search-icon" />
                  <input
                    ref={searchRef}
                    className="input search-input pe-search-input"
                    value={query}
                    onChange={(e) => {
                      setQuery(e.target.value);
                      // Codes are only needed once someone types; a failure leaves number and name search.
                      void ensureSlips().catch(() => undefined);
                    }}
                    placeholder={t('screening.paper.findPlaceholder')}
                    autoComplete="off"
                    spellCheck={false}
                    autoFocus
                    data-testid="paper-find"
                  />
                </div>
              </label>
              {query.trim() && matches.length === 0 ? (
                <p className="sc-muted">{t('screening.paper.noMatch')}</p>
              ) : null}
              {matches.length ? (
                <ul className="pe-matches" data-testid="paper-matches">
                  {matches.map((p, i) => (
                    <li key={p.personId}>
                      <button type="button" className="pe-match" onClick={() => void pick(p)} disabled={busy}>
                        <span className="cell-strong">{p.name}</span>
                        <span className="cell-id">{p.number ?? ''}</span>
                        <span className="sc-muted">{p.group}</span>
                        <StatusBadge status={p.status} />
                        {i === 0 ? <kbd className="pe-kbd">{t('screening.paper.enterKey')}</kbd> : null}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </form>
          ) : (
            <div ref={gridRef} className="pe-entry">
              <div className="pe-person" data-testid="paper-person">
                <span className="pe-person-name">{current.person.name}</span>
                <span className="cell-id">{current.person.number ?? ''}</span>
                <span className="sc-muted">{current.person.group}</span>
                <span className="pe-pass">
                  {double
                    ? pass === 1
                      ? t('screening.paper.pass1')
                      : pass === 2
                        ? t('screening.paper.pass2')
                        : t('screening.paper.passResolve')
                    : null}
                </span>
                <span className="sc-muted pe-filled">
                  {t('screening.paper.filled', { done: filled, total: current.items.length })}
                </span>
              </div>
              {notice ? <Alert kind="info">{notice}</Alert> : null}
              {error ? <Alert testId="paper-error">{error}</Alert> : null}
              <EntryGrid
                items={current.items}
                cells={cells}
                lang={lang}
                flagged={pass === 'resolve' ? flagged : new Set()}
                first={pass === 'resolve' ? first : null}
                focusKey={focusKey}
                onFocusKey={setFocusKey}
                onCell={setCell}
                onEnter={() => void enter()}
                onEscape={resetEntry}
              />
              <div className="pe-actions">
                <Button variant="ghost" onClick={resetEntry} disabled={busy}>
                  {t('screening.paper.cancel')}
                </Button>
                <Button
                  variant="primary"
                  onClick={() => void enter()}
                  disabled={busy}
                  data-testid="paper-save"
                >
                  {busy ? <Spinner /> : null}
                  {double && pass === 1 ? t('screening.paper.toSecondPass') : t('screening.paper.save')}
                  <kbd className="pe-kbd pe-kbd-light">{t('screening.paper.enterKey')}</kbd>
                </Button>
              </div>
            </div>
          )}
          {error && !current ? <Alert testId="paper-error">{error}</Alert> : null}
        </section>
      </div>
      <aside className="card pe-recent" aria-label={t('screening.paper.recent')}>
        <h2 className="sc-card-title pe-recent-title">{t('screening.paper.recent')}</h2>
        {recent.length === 0 ? (
          <p className="sc-muted pe-recent-empty">{t('screening.paper.recentEmpty')}</p>
        ) : (
          <ul className="pe-recent-list" data-testid="paper-recent">
            {recent.map((r, i) => (
              <li key={`${r.at}-${i}`} className={r.critical ? 'pe-recent-critical' : undefined}>
                <Icon name={r.critical ? 'alert' : 'check'} size={14} />
                <span className="cell-strong">{r.name}</span>
                <span className="sc-muted">{formatDateTime(r.at).slice(11)}</span>
                {r.results.map((result) => (
                  <BlankMarks key={result.instrumentId} result={result} />
                ))}
              </li>
            ))}
          </ul>
        )}
      </aside>
    </div>
  );
}
