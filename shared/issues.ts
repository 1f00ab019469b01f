import { z } from 'zod';

/**
 * A problem found in a user's file, as a code and what it names (row, field key, value, limit…):
 * services return these, never sentences, and each reader words them in its own language — the
 * renderer through its i18n keys (which are the tables below), the CLI and downloaded files through
 * `wordIssue`, in Chinese unless asked otherwise. One table per language and domain, so the words
 * exist once.
 */
export type IssueLanguage = 'zh' | 'en';

/** Text that exists in both languages (an option's label, an instrument's name). */
export interface BothLanguages {
  zh: string;
  en: string;
}

/**
 * A parameter: a number, a string shown as it is (a cell's value, a row), a string that names a
 * field key (resolved to the field's label; see `fieldParams`), a list of field keys, or a text
 * that exists in both languages.
 */
export const issueParamSchema = z.union([
  z.string(),
  z.number(),
  z.array(z.string()),
  z.object({ zh: z.string(), en: z.string() }),
]);
export const issueParamsSchema = z.record(z.string(), issueParamSchema);
export type IssueParam = z.infer<typeof issueParamSchema>;
export type IssueParams = z.infer<typeof issueParamsSchema>;

/** Joins a list the way each language writes one (学籍号、姓名 / student number, name). */
export const LIST_SEPARATOR: Record<IssueLanguage, string> = { zh: '、', en: ', ' };

/** Fills `{{name}}` placeholders the way i18next does, so one template serves both. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/**
 * The parameters as strings of one language: field keys named by `fieldParams` (and every list)
 * become labels, texts in both languages give the language's version.
 */
export function wordParams(
  params: IssueParams,
  language: IssueLanguage,
  label: (field: string) => string,
  fieldParams: readonly string[] = ['field', 'other'],
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number') out[name] = value;
    else if (typeof value === 'string') out[name] = fieldParams.includes(name) ? label(value) : value;
    else if (Array.isArray(value)) out[name] = value.map(label).join(LIST_SEPARATOR[language]);
    else out[name] = value[language];
  }
  return out;
}

/** A cell quoted in a message: long ones are cut so a pasted paragraph cannot flood the list. */
export function excerpt(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The Han characters of a text: an English rendering should have none but the user's own data. */
export const HAN = /\p{Script=Han}/u;
