import type { InstrumentDefinition, Item, Language, Option, OptionSetBody } from './schema';

/** The item's option set, or undefined when its reference is broken (only before validation). */
export function resolveOptionSet(def: InstrumentDefinition, item: Item): OptionSetBody | undefined {
  const ref = item.optionSet ?? def.defaultOptionSet;
  if (ref === undefined) return undefined;
  if (typeof ref !== 'string') return ref;
  return def.optionSets.find((set) => set.id === ref);
}

export function findItem(def: InstrumentDefinition, itemId: string): Item | undefined {
  return def.items.find((item) => item.id === itemId);
}

function requireOptionSet(def: InstrumentDefinition, itemId: string): OptionSetBody {
  const item = findItem(def, itemId);
  const set = item && resolveOptionSet(def, item);
  if (!set) throw new Error(`${def.id}: item ${itemId} has no option set`);
  return set;
}

export function optionValues(set: OptionSetBody): number[] {
  return set.options.map((o) => o.value);
}

export function valueRange(set: OptionSetBody): { min: number; max: number } {
  const values = optionValues(set);
  return { min: Math.min(...values), max: Math.max(...values) };
}

export function itemValueRange(def: InstrumentDefinition, itemId: string): { min: number; max: number } {
  return valueRange(requireOptionSet(def, itemId));
}

export function isOptionValue(def: InstrumentDefinition, itemId: string, value: number): boolean {
  return optionValues(requireOptionSet(def, itemId)).includes(value);
}

/** Options as a language prints them; the value travels with each option, so order never scores. */
export function displayOptions(def: InstrumentDefinition, itemId: string, language: Language): Option[] {
  const set = requireOptionSet(def, itemId);
  const order = set.displayOrder?.[language];
  if (!order) return [...set.options];
  return order.map((value) => {
    const option = set.options.find((o) => o.value === value);
    if (!option) throw new Error(`${def.id}: item ${itemId} display order names unknown value ${value}`);
    return option;
  });
}

/**
 * The value of the option whose label (in any language) equals `label`, ignoring surrounding
 * and inner whitespace, for imports that record answers as option text.
 */
export function valueForLabel(def: InstrumentDefinition, itemId: string, label: string): number | undefined {
  const wanted = normaliseLabel(label);
  const set = requireOptionSet(def, itemId);
  const option = set.options.find(
    (o) => normaliseLabel(o.label.zh) === wanted || normaliseLabel(o.label.en) === wanted,
  );
  return option?.value;
}

export function normaliseLabel(label: string): string {
  return label.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * Whether an item is asked given the answers so far (instrument-local: item id → value). An item
 * asked only after a reported problem (askIf any_problem: PHQ-9's difficulty question) is skipped
 * once every scored item is answered at its lowest option; while any scored item is blank it may
 * still be asked. Screens skip it, keyed entry does not require it, scoring never reads it.
 */
export function isItemAsked(
  def: InstrumentDefinition,
  itemId: string,
  answers: Readonly<Record<string, number | null | undefined>>,
): boolean {
  const item = findItem(def, itemId);
  if (item?.askIf !== 'any_problem') return true;
  const scored = def.items.filter((i) => i.scored);
  if (scored.some((i) => answers[i.id] == null)) return true;
  return scored.some((i) => answers[i.id]! > itemValueRange(def, i.id).min);
}
