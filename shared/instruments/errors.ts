/** A zod issue path rendered the way a person reads it: `scales[0].items[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export interface DefinitionIssue {
  path: string;
  message: string;
}

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Thrown when a definition (instrument or rule set) fails validation; the issues carry
 * readable paths so whoever edits a custom definition can find the faulty line.
 */
export class DefinitionError extends Error {
  readonly issues: DefinitionIssue[];

  constructor(what: string, issues: readonly IssueLike[]) {
    const readable = issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    super(`${what} is invalid:\n${readable.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'DefinitionError';
    this.issues = readable;
  }
}

export type ScoringErrorCode = 'unknown_item' | 'invalid_value' | 'wrong_length';

/** Answers that cannot belong to the definition: a caller bug or a corrupt import, never a score. */
export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
    readonly itemId?: string,
    readonly value?: unknown,
  ) {
    super(message);
    this.name = 'ScoringError';
  }
}
