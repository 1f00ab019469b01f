// Plain string work, no zod: the LAN station page and the kiosk bundle this file.
import type { InstrumentDefinition } from './schema';

/**
 * Who reads a form: a student is addressed as 你, a woman at a maternal service as 您. The built-in
 * Chinese texts of the shared forms (PHQ-9, GAD-7, PHQ-2, GAD-2) are written with 您, as the adult
 * forms are; a school campaign shows them with 你. The choice follows the campaign's programme.
 * Parent-report forms and perinatal readers get the definition unchanged. English has one "you".
 */
export function addressedTo<T extends InstrumentDefinition>(def: T, programme: 'school' | 'perinatal'): T {
  // A parent answering about a child (PSC-17) stays 您 at a school too.
  if (programme !== 'school' || def.population.respondent !== 'self') return def;
  return familiar(def);
}

function familiar<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => familiar(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === 'zh' && typeof v === 'string' ? v.replaceAll('您', '你') : familiar(v),
    ]),
  ) as T;
}
