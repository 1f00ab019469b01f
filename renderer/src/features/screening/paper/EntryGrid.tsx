import { useRef, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition, Language } from '../../../../../shared/instruments/schema';
import { displayOptions } from '../../../../../shared/instruments/options';
import sc from '../screening.module.css';
import styles from './EntryGrid.module.css';
import { keyMeaning, type EntryMode } from './entry';

/** What a clerk typed for one item: '' not yet, '-' left blank on paper, or the option's printed number. */
export type Cell = string;
export type Cells = Record<string, Cell>;

export interface GridItem {
  key: string;
  def: InstrumentDefinition;
  itemId: string;
  number: number;
  options: number;
  /** Each option's score, in printed order: option 1 scores values[0]. */
  values: readonly number[];
}

export const cellKey = (instrumentId: string, itemId: string) => `${instrumentId}/${itemId}`;

const htmlLang = (lang: Language) => (lang === 'zh' ? 'zh-CN' : 'en');

export function gridItems(defs: readonly InstrumentDefinition[], lang: Language): GridItem[] {
  return defs.flatMap((def) =>
    [...def.items]
      .sort((a, b) => a.number - b.number)
      .map((item) => ({
        key: cellKey(def.id, item.id),
        def,
        itemId: item.id,
        number: item.number,
        options: displayOptions(def, item.id, lang).length,
        values: displayOptions(def, item.id, lang).map((o) => o.value),
      })),
  );
}

/**
 * One box per item; a digit fills it and moves on, so a sheet is typed as a string of digits.
 * The digit is the option's printed number (1–4) or its score (0–3), as the clerk chose; an item
 * left blank on paper is 0 by position and space or - by score. Enter saves, Esc abandons.
 */
export function EntryGrid({
  items,
  cells,
  lang,
  mode,
  flagged,
  first,
  focusKey,
  onFocusKey,
  onCell,
  onInvalid,
  onEnter,
  onEscape,
}: {
  items: readonly GridItem[];
  cells: Cells;
  lang: Language;
  mode: EntryMode;
  /** Items whose two entries disagreed (double entry). */
  flagged: ReadonlySet<string>;
  /** The first pass, shown beside a flagged item. */
  first: Cells | null;
  focusKey: string | null;
  onFocusKey(key: string): void;
  onCell(key: string, value: Cell): void;
  /** A digit this item has no option for, in this mode. */
  onInvalid(item: GridItem): void;
  onEnter(): void;
  onEscape(): void;
}) {
  const { t } = useTranslation();
  const refs = useRef(new Map<string, HTMLInputElement>());

  const focusAt = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))];
    if (item) refs.current.get(item.key)?.focus();
  };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>, index: number) {
    const item = items[index]!;
    const key = event.key;
    if (key === 'Enter') {
      event.preventDefault();
      onEnter();
    } else if (key === 'Escape') {
      event.preventDefault();
      onEscape();
    } else if (keyMeaning(item, key, mode) === 'answer') {
      event.preventDefault();
      onCell(item.key, key);
      focusAt(index + 1);
    } else if (keyMeaning(item, key, mode) === 'invalid') {
      event.preventDefault();
      onInvalid(item);
    } else if (keyMeaning(item, key, mode) === 'blank') {
      event.preventDefault();
      onCell(item.key, '-');
      focusAt(index + 1);
    } else if (key === 'Backspace' || key === 'Delete') {
      event.preventDefault();
      if (cells[item.key]) onCell(item.key, '');
      else if (key === 'Backspace' && index > 0) {
        onCell(items[index - 1]!.key, '');
        focusAt(index - 1);
      }
    } else if (key === 'ArrowLeft') {
      event.preventDefault();
      focusAt(index - 1);
    } else if (key === 'ArrowRight') {
      event.preventDefault();
      focusAt(index + 1);
    } else if (key.length === 1 && !event.ctrlKey && !event.metaKey) {
      // Letters and other characters mean nothing here.
      event.preventDefault();
    }
  }

  const focused = items.find((i) => i.key === focusKey);
  const defs = [...new Map(items.map((i) => [i.def.id, i.def])).values()];
  return (
    <div className={styles.grid} data-testid="entry-grid">
      {defs.map((def) => {
        const own = items
          .map((item, index) => ({ item, index }))
          .filter(({ item }) => item.def.id === def.id);
        return (
          <div key={def.id}>
            <p className={styles.instrumentName}>
              {def.id}{' '}
              <span className={sc.muted} lang={htmlLang(lang)}>
                {def.names[lang]}
              </span>
            </p>
            <div className={styles.cells}>
              {own.map(({ item, index }) => {
                const value = cells[item.key] ?? '';
                const isFlagged = flagged.has(item.key);
                return (
                  <label
                    key={item.key}
                    className={isFlagged ? `${styles.cell} ${styles.cellFlagged}` : styles.cell}
                  >
                    <span className={styles.cellNumber}>{item.number}</span>
                    <input
                      ref={(el) => {
                        if (el) refs.current.set(item.key, el);
                        else refs.current.delete(item.key);
                      }}
                      className={styles.input}
                      value={value === '-' ? '–' : value}
                      onChange={() => undefined}
                      onKeyDown={(e) => onKeyDown(e, index)}
                      onFocus={(e) => {
                        e.currentTarget.select();
                        onFocusKey(item.key);
                      }}
                      inputMode="numeric"
                      autoComplete="off"
                      aria-label={t('screening.paper.cellLabel', { instrument: def.id, n: item.number })}
                      aria-invalid={isFlagged}
                      data-testid="entry-cell"
                      data-key={item.key}
                    />
                    {isFlagged && first ? (
                      <span className={styles.cellFirst}>
                        {t('screening.paper.firstPass', {
                          value: first[item.key] === '-' ? '–' : first[item.key],
                        })}
                      </span>
                    ) : null}
                  </label>
                );
              })}
            </div>
          </div>
        );
      })}
      <p className={styles.legend} aria-live="polite" data-testid="entry-legend">
        {focused ? (
          <>
            <strong>
              {t('screening.paper.cellLabel', { instrument: focused.def.id, n: focused.number })}
            </strong>
            {displayOptions(focused.def, focused.itemId, lang).map((o, i) => (
              <span key={o.value} className={styles.legendOption}>
                <span className={sc.num}>{mode === 'score' ? o.value : i + 1}</span>
                <span lang={htmlLang(lang)}>{o.label[lang]}</span>
              </span>
            ))}
            <span className={styles.legendOption}>
              <span className={sc.num}>{mode === 'score' ? '–' : 0}</span>
              {t('screening.paper.blank')}
            </span>
          </>
        ) : (
          t('screening.paper.legendHint')
        )}
      </p>
    </div>
  );
}

/** Focuses a cell of the grid in `container` (the first by default). */
export function focusCell(container: RefObject<HTMLElement | null>, key?: string): void {
  const selector = key ? `[data-key="${CSS.escape(key)}"]` : '[data-testid="entry-cell"]';
  container.current?.querySelector<HTMLInputElement>(selector)?.focus();
}
