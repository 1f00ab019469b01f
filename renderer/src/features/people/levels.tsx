import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { invoke } from '../../api/client';
import { useContentLanguage } from '../../lib/format';
import { useApi } from '../../lib/useApi';

const UNKNOWN_COLOUR = '#687886';

/** The active rule set's levels (names and colours), in their order of severity. */
export function useLevels(programme: Programme): readonly TierLevel[] {
  const tiers = useApi(() => invoke('tiers.get', { programme }), [programme]);
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
    <select
      className="input select toolbar-select"
      aria-label={t('people.filterLevel')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid="level-filter"
    >
      <option value="">{t('people.allLevels')}</option>
      {levels.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name[lang]}
        </option>
      ))}
    </select>
  );
}
