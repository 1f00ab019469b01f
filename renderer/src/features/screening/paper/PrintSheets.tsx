import { addressedTo } from '../../../../../shared/instruments/audience';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../../../shared/api/screening';
import { displayOptions, resolveOptionSet } from '../../../../../shared/instruments/options';
import type { InstrumentDefinition, Item, Language } from '../../../../../shared/instruments/schema';
import { PrintRoot } from '../PrintRoot';
import sc from '../screening.module.css';
import styles from './PrintSheets.module.css';

export interface SheetPerson {
  name: string;
  number: string | null;
  group: string;
  slipCode: string | null;
}

/**
 * Items in printed order, cut into runs that share one option set: a run of several prints as a
 * compact grid (PHQ-9 items 1–9), a lone item lists its own options (EPDS, the PHQ-9 difficulty item).
 */
function runs(def: InstrumentDefinition): Item[][] {
  const out: Item[][] = [];
  let last: unknown = undefined;
  for (const item of [...def.items].sort((a, b) => a.number - b.number)) {
    const set = resolveOptionSet(def, item);
    if (out.length && set === last) out.at(-1)!.push(item);
    else out.push([item]);
    last = set;
  }
  return out;
}

/**
 * How much of a page each part takes, in grid rows: a grid row per item of a shared option set,
 * two for an item listing its own options, two for the part's title and instructions. One A4 page
 * holds the sheet's head (name, code, consent) and PAGE_ROWS such rows at the print sizes below —
 * PHQ-9 + GAD-7 (9 + 2 + 7 + 4 = 22) on one page.
 */
const PAGE_ROWS = 26;

function partRows(def: InstrumentDefinition): number {
  return (
    2 + runs(def).reduce((sum, items) => sum + (items.length > 1 ? items.length + 1 : items.length * 2), 0)
  );
}

/**
 * The pages a sheet takes and the parts that start a new page. A sheet longer than a page is cut
 * between parts and made an even number of pages (a blank one last), so printed two-sided each
 * person's sheet is one leaf or more and never shares one with the next person's.
 */
export function sheetLayout(defs: readonly InstrumentDefinition[]): {
  pages: number;
  breakBefore: Set<string>;
} {
  const breakBefore = new Set<string>();
  let used = 0;
  let pages = 1;
  for (const def of defs) {
    const rows = partRows(def);
    if (used > 0 && used + rows > PAGE_ROWS) {
      breakBefore.add(def.id);
      pages += 1;
      used = 0;
    }
    used += rows;
    // A part longer than a page runs on by itself.
    while (used > PAGE_ROWS) {
      pages += 1;
      used -= PAGE_ROWS;
    }
  }
  return { pages, breakBefore };
}

/**
 * A4 questionnaires for printing, rendered outside the app root so the print stylesheet can
 * hide everything else. Options carry the numbers 1, 2, 3… that the entry screen expects.
 */
export function PrintSheets({
  campaign,
  defs: forms,
  people,
  lang,
  onPrinted,
}: {
  campaign: Campaign;
  defs: readonly InstrumentDefinition[];
  /** One sheet per entry; null entries are blank sheets. */
  people: readonly (SheetPerson | null)[];
  lang: Language;
  /** The print dialog closed: the sheets leave the page. */
  onPrinted(): void;
}) {
  const { t } = useTranslation();
  // Printed for students with 你, for women with 您 (as on screen).
  const defs = forms.map((def) => addressedTo(def, campaign.programme));
  const layout = sheetLayout(defs);
  return (
    <PrintRoot testId="print-root" onPrinted={onPrinted}>
      {people.map((person, n) => (
        <article className={styles.sheet} key={n} data-testid="print-sheet" data-pages={layout.pages}>
          <header className={styles.head}>
            <div>
              <h1 className={styles.title}>{campaign.name}</h1>
              <p className={styles.sub}>{t('screening.paper.sheetSubtitle')}</p>
            </div>
            <div className={styles.code}>
              <span>{t('screening.paper.slipCode')}</span>
              <strong>{person?.slipCode ?? ''}</strong>
            </div>
          </header>
          <table className={styles.who}>
            <tbody>
              <tr>
                <th>{t('screening.common.name')}</th>
                <td>{person?.name ?? ''}</td>
                <th>
                  {campaign.programme === 'school'
                    ? t('screening.common.class')
                    : t('screening.common.township')}
                </th>
                <td>{person?.group ?? ''}</td>
              </tr>
              <tr>
                <th>
                  {campaign.programme === 'school'
                    ? t('screening.common.studentNo')
                    : t('screening.common.handbookNo')}
                </th>
                <td>{person?.number ?? ''}</td>
                <th>{t('screening.paper.date')}</th>
                <td />
              </tr>
            </tbody>
          </table>
          <section className={styles.consent}>
            <p>{campaign.consentText}</p>
            <p className={styles.consentChoice}>
              <span>☐ {t('screening.paper.agree')}</span>
              <span>☐ {t('screening.paper.disagree')}</span>
            </p>
          </section>
          <p className={styles.how}>
            {campaign.programme === 'perinatal'
              ? t('screening.paper.howToPerinatal')
              : t('screening.paper.howTo')}
          </p>
          {defs.map((def, part) => (
            <section
              className={layout.breakBefore.has(def.id) ? `${styles.part} ${styles.newPage}` : styles.part}
              key={def.id}
            >
              <h2 className={styles.partTitle}>
                {t('screening.respondent.part', { part: part + 1, parts: defs.length })}
                <span className={styles.partId}>{def.id}</span>
              </h2>
              <p className={styles.stem}>{def.instructions[lang]}</p>
              {runs(def).map((items) =>
                items.length > 1 ? (
                  <GridPart key={items[0]!.id} def={def} items={items} lang={lang} />
                ) : (
                  <ListPart key={items[0]!.id} def={def} items={items} lang={lang} />
                ),
              )}
            </section>
          ))}
          <footer className={styles.foot}>{t('screening.paper.sheetFoot')}</footer>
          {layout.pages > 1 && layout.pages % 2 === 1 ? (
            <div className={styles.blankPage} aria-hidden="true" />
          ) : null}
        </article>
      ))}
    </PrintRoot>
  );
}

function GridPart({ def, items, lang }: { def: InstrumentDefinition; items: Item[]; lang: Language }) {
  const options = displayOptions(def, items[0]!.id, lang);
  return (
    <table className={styles.grid}>
      <thead>
        <tr>
          <th className={styles.itemHead} />
          {options.map((o, i) => (
            <th key={o.value}>
              <span className={sc.num}>{i + 1}</span>
              {o.label[lang]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              {item.number}. {item.text[lang]}
            </td>
            {options.map((o, i) => (
              <td key={o.value} className={styles.box}>
                {i + 1}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ListPart({ def, items, lang }: { def: InstrumentDefinition; items: Item[]; lang: Language }) {
  return (
    <div>
      {items.map((item) => (
        <div key={item.id} className={styles.listItem}>
          <p>
            {item.number}. {item.text[lang]}
          </p>
          <p className={styles.options}>
            {displayOptions(def, item.id, lang).map((o, i) => (
              <span key={o.value} className={styles.option}>
                <span className={sc.num}>{i + 1}</span>
                {o.label[lang]}
              </span>
            ))}
          </p>
        </div>
      ))}
    </div>
  );
}
