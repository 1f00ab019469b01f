/**
 * Slip codes (测评码) and station codes as people type them: case, spaces and dashes do not matter
 * (ABCD-EFGH = abcd efgh). The station's server and the paper page's lookup compare codes this one way.
 */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** Printed as ABCD-EFGH so it can be read out and typed in two halves. */
export function formatSlipCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
