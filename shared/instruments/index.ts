import { epds } from './builtin/epds';
import { gad2 } from './builtin/gad2';
import { gad7 } from './builtin/gad7';
import { phq2 } from './builtin/phq2';
import { phq9 } from './builtin/phq9';
import { psc17 } from './builtin/psc17';
import { parseInstrumentDefinition, type InstrumentDefinition } from './schema';

/** Parsed at load, so a built-in that breaks a rule fails at start-up, not on a student's sheet. */
export const builtinInstruments: readonly InstrumentDefinition[] = Object.freeze(
  [phq9, phq2, gad7, gad2, epds, psc17].map((input) => parseInstrumentDefinition(input)),
);

const byId = new Map(builtinInstruments.map((def) => [def.id, def]));

export function getInstrument(id: string): InstrumentDefinition | undefined {
  return byId.get(id);
}

export * from './errors';
export * from './options';
export { roundScore } from './ranges';
export * from './result';
export * from './schema';
export * from './score';
export * from './blanks';
export * from './audience';
