import { create } from 'zustand';
import { persistLanguage, storedLanguage, type Language } from '../i18n';

export interface StudentFilters {
  query: string;
  grade: string;
  className: string;
  page: number;
}

const emptyFilters: StudentFilters = { query: '', grade: '', className: '', page: 0 };

interface UiState {
  language: Language;
  setLanguage(language: Language): void;
  /** Kept across page switches so returning to the list restores the teacher's view. */
  studentFilters: StudentFilters;
  setStudentFilters(patch: Partial<StudentFilters>): void;
  resetStudentFilters(): void;
}

export const useUi = create<UiState>()((set) => ({
  language: storedLanguage(),
  setLanguage(language) {
    persistLanguage(language);
    set({ language });
  },
  studentFilters: emptyFilters,
  setStudentFilters(patch) {
    // Any change other than paging starts again at the first page.
    set((s) => ({ studentFilters: { ...s.studentFilters, page: 0, ...patch } }));
  },
  resetStudentFilters() {
    set({ studentFilters: emptyFilters });
  },
}));
