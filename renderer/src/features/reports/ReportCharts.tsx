import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Band } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { formatRange, localized, useContentLanguage } from '../../lib/format';
import { AXIS, ChartFigure, VALUE_AXIS } from '../dashboard/DashboardCharts';

const NEUTRAL = '#8a9aa8';
/** Half the printed page: the report sets its charts two to a row. */
const HALF_PAGE = 330;

/** One bar per category, each in its own colour, with the count on top. */
function Bars({
  title,
  categoryLabel,
  categories,
  values,
  colours,
  testId,
}: {
  title: string;
  categoryLabel: string;
  categories: string[];
  values: number[];
  colours: string[];
  testId: string;
}) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 32, right: 12, top: 20, bottom: 24, containLabel: true },
      // Every category named, wrapped when long: a printed chart cannot show them on hover.
      xAxis: {
        type: 'category',
        data: categories,
        ...AXIS,
        axisLabel: { ...AXIS.axisLabel, interval: 0, width: 64, overflow: 'break', lineHeight: 13 },
      },
      yAxis: VALUE_AXIS,
      series: [
        {
          type: 'bar',
          barMaxWidth: 40,
          data: values.map((value, i) => ({ value, itemStyle: { color: colours[i] } })),
          label: { show: true, position: 'top', fontSize: 11, color: '#3f4f5f' },
        },
      ],
    }),
    [categories, values, colours],
  );
  return (
    <ChartFigure
      title={title}
      categoryLabel={categoryLabel}
      categories={categories}
      series={[{ name: t('reports.group.countCol'), values }]}
      option={option}
      testId={testId}
      height={190}
      printWidth={HALF_PAGE}
    />
  );
}

/** People by level, in the rule set's order and colours. */
export function LevelCounts({
  byLevel,
  levels,
}: {
  byLevel: Record<string, number>;
  levels: readonly TierLevel[];
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const categories = useMemo(() => levels.map((l) => localized(l.name, lang)), [levels, lang]);
  const values = useMemo(() => levels.map((l) => byLevel[l.id] ?? 0), [levels, byLevel]);
  const colours = useMemo(() => levels.map((l) => l.colour), [levels]);
  return (
    <Bars
      title={t('reports.group.levelChart')}
      categoryLabel={t('reports.group.levelCol')}
      categories={categories}
      values={values}
      colours={colours}
      testId="report-level-chart"
    />
  );
}

/** How an instrument's latest totals fall into its bands (a histogram by band), plus incomplete sheets. */
export function BandHistogram({
  title,
  byBand,
  bands,
}: {
  title: string;
  byBand: Record<string, number>;
  bands: readonly Band[];
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const { categories, values } = useMemo(() => {
    const rows: [string, number][] = bands.map((b) => [
      `${localized(b.label, lang)} ${formatRange(b.min, b.max)}`,
      byBand[b.id] ?? 0,
    ]);
    const known = new Set(bands.map((b) => b.id));
    const rest = Object.entries(byBand).reduce((n, [id, count]) => (known.has(id) ? n : n + count), 0);
    if (rest) rows.push([t('reports.group.unbanded'), rest]);
    return { categories: rows.map(([c]) => c), values: rows.map(([, v]) => v) };
  }, [bands, byBand, lang, t]);
  // Light to dark: the higher the band, the stronger the colour.
  const colours = useMemo(
    () =>
      categories.map((_, i) =>
        i < bands.length ? `hsl(174, 60%, ${72 - (i * 44) / Math.max(bands.length - 1, 1)}%)` : NEUTRAL,
      ),
    [categories, bands.length],
  );
  return (
    <Bars
      title={title}
      categoryLabel={t('reports.group.bandCol')}
      categories={categories}
      values={values}
      colours={colours}
      testId="report-band-chart"
    />
  );
}
