import { create } from 'zustand';
import type { PersonKind } from '../../../shared/api/people';
import { persistLanguage, storedLanguage, type Language } from '../i18n';

export type PeopleSort = 'class' | 'name' | 'number' | 'edd' | 'updated';

export interface PeopleFilters {
  query: string;
  grade: string;
  className: string;
  township: string;
  stage: string;
  level: string;
  /** Women only: which part of the register (registerShowSchema); '' is 在册. */
  show: string;
  sort: PeopleSort;
  descending: boolean;
}

const emptyFilters: Record<PersonKind, PeopleFilters> = {
  student: {
    query: '',
    grade: '',
    className: '',
    township: '',
    stage: '',
    level: '',
    show: '',
    sort: 'class',
    descending: false,
  },
  woman: {
    query: '',
    grade: '',
    className: '',
    township: '',
    stage: '',
    level: '',
    show: '',
    sort: 'edd',
    descending: false,
  },
};

interface UiState {
  language: Language;
  setLanguage(language: Language): void;
  /** Kept across page switches so returning to a register restores the view (and its scroll). */
  peopleFilters: Record<PersonKind, PeopleFilters>;
  setPeopleFilters(kind: PersonKind, patch: Partial<PeopleFilters>): void;
  /** Where the register was scrolled to, so coming back from a person's file lands on the same row. */
  peopleScroll: Record<PersonKind, number>;
  setPeopleScroll(kind: PersonKind, top: number): void;
  resetFilters(): void;
}

export const useUi = create<UiState>()((set) => ({
  language: storedLanguage(),
  setLanguage(language) {
    persistLanguage(language);
    set({ language });
  },
  peopleFilters: emptyFilters,
  setPeopleFilters(kind, patch) {
    set((s) => ({
      peopleFilters: { ...s.peopleFilters, [kind]: { ...s.peopleFilters[kind], ...patch } },
      // A new filter or order starts again at the top.
      peopleScroll: { ...s.peopleScroll, [kind]: 0 },
    }));
  },
  peopleScroll: { student: 0, woman: 0 },
  setPeopleScroll(kind, top) {
    set((s) => ({ peopleScroll: { ...s.peopleScroll, [kind]: top } }));
  },
  resetFilters() {
    set({ peopleFilters: emptyFilters, peopleScroll: { student: 0, woman: 0 } });
  },
}));
