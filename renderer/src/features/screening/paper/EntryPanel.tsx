import { useEffect, useMemo, useReducer, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignProgress } from '../../../../../shared/api/screening';
import { invoke } from '../../../api/client';
import { describeError } from '../../../api/errors';
import { apiKey, queryClient } from '../../../api/query';
import { toast } from '../../../store/toast';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import type { Participant } from '../api';
import { StatusBadge } from '../ui';
import {
  acceptedDigits,
  advance,
  cellsFromAnswers,
  changedAnswers,
  emptyEntry,
  entryReducer,
  matchPeople,
  scoresTypeable,
  type EntryMessage,
  type EntryMode,
  type OpenSheet,
  type Recent,
} from './entry';
import { EntryGrid, focusCell, gridItems } from './EntryGrid';
import { RecentSheets } from './RecentSheets';
import sc from '../screening.module.css';
import styles from './PaperPage.module.css';

const DOUBLE_KEY = 'anxin.paper.doubleEntry';
const MODE_KEY = 'anxin.paper.entryMode';
const MAX_MATCHES = 8;

/** An instrument's definition, from the page's cache: not personal, and the same for every sheet. */
const definition = (id: string) =>
  queryClient.fetchQuery({
    queryKey: apiKey('instruments.get', { id }),
    queryFn: () => invoke('instruments.get', { id }),
    staleTime: Infinity,
  });

/** Typing returned sheets in: find the person, type one digit per item, Enter saves. */
export function EntryPanel({
  progress,
  slips,
  ensureSlips,
  lang,
}: {
  progress: CampaignProgress;
  slips: Map<number, string> | null;
  ensureSlips(): Promise<unknown>;
  lang: 'zh' | 'en';
}) {
  const { t } = useTranslation();
  const campaignId = progress.campaign.id;
  const [entry, dispatch] = useReducer(entryReducer, emptyEntry);
  const [double, setDouble] = useState(() => localStorage.getItem(DOUBLE_KEY) === '1');
  // By position unless the clerk chose scores: this app's own sheets number options 1, 2, 3….
  const [mode, setMode] = useState<EntryMode>(() =>
    localStorage.getItem(MODE_KEY) === 'score' ? 'score' : 'position',
  );
  const [busy, setBusy] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [recent, setRecent] = useState<Recent[]>([]);
  const [critical, setCritical] = useState<string[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  // A cell to focus once React has committed the grid (a new sheet, a flagged item, a gap).
  const [focusRequest, setFocusRequest] = useState<{ key?: string; n: number } | null>(null);
  const requestFocus = (key?: string) => setFocusRequest((r) => ({ key, n: (r?.n ?? 0) + 1 }));
  useEffect(() => {
    if (focusRequest) focusCell(gridRef, focusRequest.key);
  }, [focusRequest]);

  const { sheet, cells, pass } = entry;
  const say = (message: EntryMessage | null) =>
    !message
      ? null
      : 'text' in message
        ? message.text
        : t(
            `screening.paper.${message.key === 'incomplete' && sheetMode === 'score' ? 'incompleteScore' : message.key}`,
            { count: 'count' in message ? message.count : undefined },
          );

  function close() {
    dispatch({ type: 'close' });
    setFocusKey(null);
    requestAnimationFrame(() => searchRef.current?.focus());
  }

  async function pick(person: Participant) {
    setBusy(true);
    dispatch({ type: 'error', error: null });
    try {
      const session = await invoke('screening.start', {
        campaignId,
        personId: person.personId,
        mode: 'paper',
      });
      const items = gridItems(await Promise.all(session.battery.map(definition)), lang);
      // A sheet started earlier (a half-typed paper form, a kiosk sitting) comes back as it was.
      dispatch({
        type: 'open',
        sheet: { person, session, items },
        cells: cellsFromAnswers(items, session.answers, scoresTypeable(items) ? mode : 'position'),
      });
      requestFocus();
    } catch (err) {
      dispatch({
        type: 'error',
        error: { text: describeError(err, { conflict: t('screening.paper.alreadyDone') }) },
      });
    } finally {
      setBusy(false);
    }
  }

  async function enter() {
    if (!sheet || busy) return;
    const step = advance(entry, double, sheetMode);
    dispatch({ type: 'set', state: step.state });
    if (step.focus) requestFocus(step.focus.key);
    if (step.save) await save(sheet);
  }

  async function save({ person, session, items }: OpenSheet) {
    setBusy(true);
    try {
      for (const answer of changedAnswers(items, cells, session.answers, sheetMode))
        await invoke('screening.saveAnswer', { screeningId: session.screeningId, ...answer });
      const outcome = await invoke('screening.submit', {
        screeningId: session.screeningId,
        allowIncomplete: true,
      });
      const isCritical = outcome.results.some((r) => r.critical);
      if (isCritical) setCritical((c) => [person.name, ...c.filter((n) => n !== person.name)]);
      setRecent((r) =>
        [
          {
            name: person.name,
            at: new Date().toISOString(),
            complete: outcome.results.every((r) => r.complete),
            critical: isCritical,
            results: outcome.results,
          },
          ...r,
        ].slice(0, 20),
      );
      toast.success(t('screening.paper.saved', { name: person.name }));
      void queryClient.invalidateQueries({ queryKey: ['campaigns.progress'] });
      close();
    } catch (err) {
      dispatch({ type: 'error', error: { text: describeError(err) } });
    } finally {
      setBusy(false);
    }
  }

  function chooseMode(next: EntryMode) {
    dispatch({ type: 'mode', from: sheetMode, to: next });
    setMode(next);
    localStorage.setItem(MODE_KEY, next);
  }

  function toggleDouble(on: boolean) {
    setDouble(on);
    localStorage.setItem(DOUBLE_KEY, on ? '1' : '0');
    dispatch({ type: 'passesReset' });
  }

  const filled = sheet ? sheet.items.filter((i) => cells[i.key]).length : 0;
  // A sheet whose scale cannot be keyed by score (a custom one scored 10, 20…) is keyed by position.
  const scoreOk = !sheet || scoresTypeable(sheet.items);
  const sheetMode: EntryMode = scoreOk ? mode : 'position';
  const error = say(entry.error);
  const notice = say(entry.notice);
  return (
    <div className={styles.layout}>
      <div className={styles.main}>
        {critical.length ? (
          <Alert title={t('screening.paper.criticalTitle')} testId="paper-critical">
            {progress.campaign.programme === 'perinatal'
              ? t('screening.paper.criticalBodyPerinatal', { names: critical.join('、') })
              : t('screening.paper.criticalBody', { names: critical.join('、') })}{' '}
            <Button variant="link" onClick={() => setCritical([])}>
              {t('screening.paper.criticalDismiss')}
            </Button>
          </Alert>
        ) : null}
        <section className={`card card-pad ${styles.card}`}>
          <div className={styles.toolbar}>
            <label className={styles.checkInline}>
              <input
                type="checkbox"
                checked={double}
                onChange={(e) => toggleDouble(e.target.checked)}
                data-testid="double-entry"
              />
              {t('screening.paper.doubleEntry')}
            </label>
            <span className={sc.muted}>
              {sheetMode === 'score' ? t('screening.paper.keysHintScore') : t('screening.paper.keysHint')}
            </span>
          </div>
          <fieldset className={styles.entryMode} data-testid="entry-mode">
            <legend className={styles.entryModeLegend}>{t('screening.paper.modeQuestion')}</legend>
            {(['position', 'score'] as const).map((m) => (
              <label key={m} className={styles.checkInline}>
                <input
                  type="radio"
                  name="entry-mode"
                  checked={sheetMode === m}
                  disabled={m === 'score' && !scoreOk}
                  onChange={() => chooseMode(m)}
                  data-testid={`entry-mode-${m}`}
                />
                {t(m === 'score' ? 'screening.paper.modeScore' : 'screening.paper.modePosition')}
              </label>
            ))}
            <p className={styles.entryModeNow} data-testid="entry-mode-now">
              {sheetMode === 'score'
                ? t('screening.paper.modeNowScore')
                : t('screening.paper.modeNowPosition')}
              {scoreOk ? null : ` ${t('screening.paper.modeScoreUnavailable')}`}
            </p>
          </fieldset>
          {!sheet ? (
            <PersonSearch
              people={progress.people}
              slips={slips}
              ensureSlips={ensureSlips}
              busy={busy}
              inputRef={searchRef}
              onPick={(p) => void pick(p)}
            />
          ) : (
            <div ref={gridRef} className={styles.entry}>
              <div className={styles.person} data-testid="paper-person">
                <span className={styles.personName}>{sheet.person.name}</span>
                <span className="cell-id">{sheet.person.number ?? ''}</span>
                <span className={sc.muted}>{sheet.person.group}</span>
                <span className={styles.pass}>
                  {double
                    ? pass === 1
                      ? t('screening.paper.pass1')
                      : pass === 2
                        ? t('screening.paper.pass2')
                        : t('screening.paper.passResolve')
                    : null}
                </span>
                <span className={`${sc.muted} ${styles.filled}`}>
                  {t('screening.paper.filled', { done: filled, total: sheet.items.length })}
                </span>
              </div>
              {notice ? <Alert kind="info">{notice}</Alert> : null}
              {error ? <Alert testId="paper-error">{error}</Alert> : null}
              <EntryGrid
                items={sheet.items}
                cells={cells}
                lang={lang}
                mode={sheetMode}
                flagged={pass === 'resolve' ? entry.flagged : new Set()}
                first={pass === 'resolve' ? entry.first : null}
                focusKey={focusKey}
                onFocusKey={setFocusKey}
                onCell={(key, value) => dispatch({ type: 'cell', key, value })}
                onInvalid={(item) =>
                  dispatch({
                    type: 'error',
                    error: {
                      text: t('screening.paper.invalidKey', {
                        instrument: item.def.id,
                        n: item.number,
                        digits: acceptedDigits(item, sheetMode).join(t('errors.listSeparator')),
                      }),
                    },
                  })
                }
                onEnter={() => void enter()}
                onEscape={close}
              />
              <div className={styles.actions}>
                <Button variant="ghost" onClick={close} disabled={busy}>
                  {t('screening.paper.cancel')}
                </Button>
                <Button variant="primary" onClick={() => void enter()} busy={busy} data-testid="paper-save">
                  {double && pass === 1 ? t('screening.paper.toSecondPass') : t('screening.paper.save')}
                  <kbd className={`${styles.kbd} ${styles.kbdLight}`}>{t('screening.paper.enterKey')}</kbd>
                </Button>
              </div>
            </div>
          )}
          {error && !sheet ? <Alert testId="paper-error">{error}</Alert> : null}
        </section>
      </div>
      <RecentSheets recent={recent} />
    </div>
  );
}

/** Finding the sheet's person by 学籍号, slip code or name; Enter takes the first match. */
function PersonSearch({
  people,
  slips,
  ensureSlips,
  busy,
  inputRef,
  onPick,
}: {
  people: readonly Participant[];
  slips: Map<number, string> | null;
  ensureSlips(): Promise<unknown>;
  busy: boolean;
  inputRef: React.RefObject<HTMLInputElement | null>;
  onPick(person: Participant): void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const matches = useMemo(() => matchPeople(people, query, slips, MAX_MATCHES), [people, query, slips]);

  function onSearch(event: FormEvent) {
    event.preventDefault();
    if (matches[0]) onPick(matches[0]);
  }

  return (
    <form onSubmit={onSearch} className={styles.search}>
      <label className="field">
        <span className="field-label">{t('screening.paper.find')}</span>
        <div className={`search ${styles.searchBox}`}>
          <Icon name="search" size={16} className="search-icon" />
          <input
            ref={inputRef}
            className={`input search-input ${styles.searchInput}`}
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
        <p className={sc.muted}>{t('screening.paper.noMatch')}</p>
      ) : null}
      {matches.length ? (
        <ul className={styles.matches} data-testid="paper-matches">
          {matches.map((p, i) => (
            <li key={p.personId}>
              <button type="button" className={styles.match} onClick={() => onPick(p)} disabled={busy}>
                <span className="cell-strong">{p.name}</span>
                <span className="cell-id">{p.number ?? ''}</span>
                <span className={sc.muted}>{p.group}</span>
                <StatusBadge status={p.status} />
                {i === 0 ? <kbd className={styles.kbd}>{t('screening.paper.enterKey')}</kbd> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
