import type { InstrumentSummary } from '../../shared/api/instruments';
import { AppError } from '../../shared/api/errors';
import {
  answersFromValues,
  builtinInstruments,
  getInstrument,
  parseInstrumentDefinition,
  scoreInstrument,
  ScoringError,
  type InstrumentDefinition,
  type ScoreResult,
} from '../../shared/instruments';
import type { Db } from '../db/database';
import { nowIso } from '../db/database';
import { statement } from '../db/statements';
import { audit } from './audit';

interface CustomRow {
  definition: string;
}

/** Latest version of every custom definition, newest import winning. */
function customDefinitions(db: Db): InstrumentDefinition[] {
  return db
    .prepare<[], CustomRow>(
      `SELECT definition FROM custom_instruments c
       WHERE imported_at = (SELECT max(imported_at) FROM custom_instruments WHERE id = c.id)
       ORDER BY id`,
    )
    .all()
    .map((row) => parseInstrumentDefinition(JSON.parse(row.definition)));
}

function disabledIds(db: Db): Set<string> {
  return new Set(db.prepare<[], string>('SELECT id FROM instrument_state WHERE enabled = 0').pluck().all());
}

export function allDefinitions(db: Db): InstrumentDefinition[] {
  return [...builtinInstruments, ...customDefinitions(db)];
}

// Parsed custom definitions by their stored JSON: answers are saved many times a second on a
// screening day, and a definition only changes by importing a new version.
const parsedCustom = new Map<string, InstrumentDefinition>();

export function findDefinition(db: Db, id: string): InstrumentDefinition {
  const builtin = getInstrument(id);
  if (builtin) return builtin;
  const json = statement<[string], string>(
    db,
    'SELECT definition FROM custom_instruments WHERE id = ? ORDER BY imported_at DESC LIMIT 1',
  )
    .pluck()
    .get(id);
  if (!json) throw new AppError('not_found', `No instrument ${id}.`);
  let def = parsedCustom.get(json);
  if (!def) parsedCustom.set(json, (def = parseInstrumentDefinition(JSON.parse(json))));
  return def;
}

export function summarise(def: InstrumentDefinition, enabled: boolean): InstrumentSummary {
  const main = def.scales.find((s) => s.id === def.mainScale);
  return {
    id: def.id,
    version: def.version,
    builtin: def.builtin,
    enabled,
    names: def.names,
    itemCount: def.items.filter((i) => i.scored).length,
    population: def.population,
    bands: main?.bands ?? [],
    cutoff: main?.cutoff ?? null,
    subscales: def.scales
      .filter((s) => s.id !== def.mainScale)
      .map((s) => ({ id: s.id, name: s.name, cutoff: s.cutoff ?? null })),
    critical: def.criticalItems.map((c) => ({
      item: c.item,
      number: def.items.find((i) => i.id === c.item)?.number ?? 0,
      min: c.min,
      reason: c.reason,
    })),
    licence: def.licence,
    citation: def.citation,
  };
}

export function listInstruments(db: Db): InstrumentSummary[] {
  const disabled = disabledIds(db);
  return allDefinitions(db).map((def) => summarise(def, !disabled.has(def.id)));
}

export function isInstrumentEnabled(db: Db, id: string): boolean {
  return !disabledIds(db).has(id);
}

/** Stores a validated custom definition; a built-in id or an existing id+version is refused. */
export function saveCustomInstrument(db: Db, userId: number, def: InstrumentDefinition): InstrumentSummary {
  if (builtinInstruments.some((b) => b.id === def.id)) {
    throw new AppError(
      'conflict',
      `${def.id} is a built-in instrument; give the custom definition another id.`,
    );
  }
  const custom: InstrumentDefinition = { ...def, builtin: false };
  const exists = db
    .prepare('SELECT 1 FROM custom_instruments WHERE id = ? AND version = ?')
    .get(def.id, def.version);
  if (exists) throw new AppError('conflict', `${def.id} version ${def.version} is already imported.`);
  db.transaction(() => {
    db.prepare(
      'INSERT INTO custom_instruments (id, version, definition, imported_at, imported_by) VALUES (?, ?, ?, ?, ?)',
    ).run(custom.id, custom.version, JSON.stringify(custom), nowIso(), userId);
    audit(db, userId, 'instrument.import', custom.id, { version: custom.version });
  })();
  return summarise(custom, isInstrumentEnabled(db, custom.id));
}

export function setInstrumentEnabled(
  db: Db,
  userId: number,
  id: string,
  enabled: boolean,
): InstrumentSummary {
  const def = findDefinition(db, id);
  db.prepare(
    `INSERT INTO instrument_state (id, enabled, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(id, enabled ? 1 : 0, nowIso(), userId);
  audit(db, userId, enabled ? 'instrument.enable' : 'instrument.disable', id);
  return summarise(def, enabled);
}

/** Scores item values given in item order; a value that is no option of its item is a typed input error. */
export function scoreValues(def: InstrumentDefinition, values: (number | null)[]): ScoreResult {
  try {
    return scoreInstrument(def, answersFromValues(def, values));
  } catch (error) {
    if (error instanceof ScoringError) throw new AppError('invalid_input', error.message);
    throw error;
  }
}
