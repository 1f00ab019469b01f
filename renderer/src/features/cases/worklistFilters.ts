import { managedFilterSchema, type ManagedFilter, type WorklistItem } from '../../../../shared/api/cases';
import type { SavedView } from '../../../../shared/api/views';

export type Managed = '' | ManagedFilter;

export interface WorklistFilters {
  level: string;
  managed: Managed;
  group: string;
  responsible: string;
  /** 我负责的 / 未指定. */
  assigned: '' | 'mine' | 'unassigned';
  overdueOnly: boolean;
}

export const NO_FILTERS: WorklistFilters = {
  level: '',
  managed: '',
  group: '',
  responsible: '',
  assigned: '',
  overdueOnly: false,
};

const MANAGED: readonly Managed[] = ['', ...managedFilterSchema.options];

/** A saved view's filters, keeping only the keys and values this page understands. */
export function fromView(filters: SavedView['filters']): WorklistFilters {
  const text = (key: keyof WorklistFilters) =>
    typeof filters[key] === 'string' ? (filters[key] as string) : '';
  const managed = text('managed') as Managed;
  const assigned = text('assigned');
  return {
    level: text('level'),
    managed: MANAGED.includes(managed) ? managed : '',
    group: text('group'),
    responsible: text('responsible'),
    assigned: assigned === 'mine' || assigned === 'unassigned' ? assigned : '',
    overdueOnly: filters.overdueOnly === true,
  };
}

export type ActiveFilters = Partial<Omit<WorklistFilters, 'managed' | 'assigned'>> & {
  managed?: Exclude<Managed, ''>;
  assigned?: Exclude<WorklistFilters['assigned'], ''>;
};

/**
 * The 责任人 filter is one select: everyone, 我负责的, 未指定, or a name. Its values say which
 * (a name is prefixed, so no display name can pass for a choice).
 */
export const responsibleChoice = (f: WorklistFilters): string =>
  f.assigned ? `@${f.assigned}` : f.responsible ? `name:${f.responsible}` : '';
export function fromResponsibleChoice(value: string): Pick<WorklistFilters, 'responsible' | 'assigned'> {
  if (value === '@mine' || value === '@unassigned')
    return { responsible: '', assigned: value.slice(1) as 'mine' | 'unassigned' };
  return { responsible: value.startsWith('name:') ? value.slice(5) : '', assigned: '' };
}

/** Only the filters that are set, as saved and as sent to cases.worklist. */
export function activeFilters(f: WorklistFilters): ActiveFilters {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '' && v !== false)) as ActiveFilters;
}

/** Grades, then their classes ("七年级", "七年级 1班" …); townships as they are. */
export function groupOptions(items: readonly WorklistItem[], school: boolean): string[] {
  const groups = [...new Set(items.map((i) => i.group))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  if (!school) return groups;
  const out: string[] = [];
  for (const group of groups) {
    const grade = group.split(' ')[0] ?? group;
    if (grade !== group && !out.includes(grade)) out.push(grade);
    out.push(group);
  }
  return out;
}

export type SortKey = 'name' | 'group' | 'level' | 'flaggedAt' | 'responsible' | 'due';

/**
 * Sorted by the chosen column, escalated safety checks always first; without a choice the
 * server's order (escalated, most urgent level, earliest due) stands.
 */
export function sortItems(
  items: readonly WorklistItem[],
  key: SortKey | null,
  descending: boolean,
  levelOrder: readonly string[],
): WorklistItem[] {
  if (!key) return [...items];
  const value = (i: WorklistItem): string | number => {
    switch (key) {
      case 'level':
        return levelOrder.indexOf(i.level);
      case 'due':
        return i.nextTask?.dueOn ?? '9999';
      case 'responsible':
        return i.responsible ?? '';
      default:
        return i[key];
    }
  };
  const compare = (a: WorklistItem, b: WorklistItem) => {
    const [x, y] = [value(a), value(b)];
    const c =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return descending ? -c : c;
  };
  return [...items].sort((a, b) => Number(b.escalated) - Number(a.escalated) || compare(a, b));
}
