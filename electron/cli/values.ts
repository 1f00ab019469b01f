import { AppError } from '../../shared/api/errors';

/** "1 2 0 3", "1,2,0,3" or with "-" / "." for an unanswered item. */
export function parseValues(text: string, option: string): (number | null)[] {
  const tokens = text
    .trim()
    .split(/[\s,，]+/)
    .filter(Boolean);
  if (tokens.length === 0)
    throw new AppError('invalid_input', `--${option} needs item values, e.g. "0 1 2 3".`);
  return tokens.map((token) => {
    if (token === '-' || token === '.') return null;
    const value = Number(token);
    if (!Number.isFinite(value))
      throw new AppError('invalid_input', `--${option}: "${token}" is not a number.`);
    return value;
  });
}
