import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import styles from './SortHeader.module.css';

/** A column header that sorts by its column: first click ascending, then it toggles. */
export function SortHeader<K extends string>({
  header,
  sortKey,
  sort,
  descending,
  onSort,
}: {
  header: string;
  /** Absent for a column that does not sort. */
  sortKey?: K | undefined;
  sort: K | null;
  descending: boolean;
  onSort(sort: K, descending: boolean): void;
}) {
  const { t } = useTranslation();
  if (!sortKey) return <th scope="col">{header}</th>;
  const active = sort === sortKey;
  return (
    <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className={active ? `${styles.sort} ${styles.active}` : styles.sort}
        onClick={() => onSort(sortKey, active ? !descending : false)}
        title={t('people.sortBy', { column: header })}
      >
        {header}
        <Icon name={active && descending ? 'arrowDown' : 'arrowUp'} size={13} />
      </button>
    </th>
  );
}
