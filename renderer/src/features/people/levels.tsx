import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { useApiQuery } from '../../api/query';
import { useContentLanguage } from '../../lib/format';
import { Select } from '../../ui/Select';

const UNKNOWN_COLOUR = '#687886';

/** The active rule set's levels (names and colours), in their order of severity. */
export function useLevels(programme: Programme): readonly TierLevel[] {
  const tiers = useApiQuery('tiers.get', { programme });
  return tiers.data?.active.ruleSet.levels ?? [];
}

export function LevelChip({ level, levels }: { level: string | null; levels: readonly TierLevel[] }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  if (!level) return <span className="cell-none">{t('people.noLevel')}</span>;
  const known = levels.find((l) => l.id === level);
  return (
    <span
      className="level-chip"
      data-level={level}
      style={{ '--level': known?.colour ?? UNKNOWN_COLOUR } as CSSProperties}
    >
      {known ? known.name[lang] : level}
    </span>
  );
}

export function LevelFilter({
  value,
  levels,
  onChange,
}: {
  value: string;
  levels: readonly TierLevel[];
  onChange(level: string): void;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  return (
    <Select
      className="toolbar-select"
      aria-label={t('people.filterLevel')}
      value={value}
      onValue={onChange}
      placeholder={t('people.allLevels')}
      options={levels.map((l) => ({ value: l.id, label: l.name[lang] }))}
      data-testid="level-filter"
    />
  );
}
