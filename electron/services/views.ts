import { z } from 'zod';
import type { SavedView, ViewPage } from '../../shared/api/views';
import { MAX_VIEWS, savedViewSchema } from '../../shared/api/views';
import { AppError } from '../../shared/api/errors';
import type { Db } from '../db/database';
import { parseJsonColumn } from '../db/json-column';
import { getSetting, setSetting } from './settings';

// One settings row per user and page: views are small, few and never queried across users.
const key = (userId: number, page: ViewPage) => `views.${userId}.${page}`;

export function listViews(db: Db, userId: number, page: ViewPage): SavedView[] {
  const saved = getSetting(db, key(userId, page));
  return saved ? parseJsonColumn(z.array(savedViewSchema), saved, `setting views.*.${page}`) : [];
}

/** Saves under the name, replacing a view of the same name; the list stays in name order. */
export function saveView(db: Db, userId: number, page: ViewPage, view: SavedView): SavedView[] {
  const others = listViews(db, userId, page).filter((v) => v.name !== view.name);
  if (others.length >= MAX_VIEWS) throw new AppError('invalid_input', `At most ${MAX_VIEWS} saved views.`);
  const views = [...others, view].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  setSetting(db, key(userId, page), JSON.stringify(views));
  return views;
}

export function deleteView(db: Db, userId: number, page: ViewPage, name: string): SavedView[] {
  const views = listViews(db, userId, page).filter((v) => v.name !== name);
  setSetting(db, key(userId, page), JSON.stringify(views));
  return views;
}
