import { z } from 'zod';
import { AppError } from '../../shared/api/errors';

/**
 * A JSON column read back through its zod schema instead of trusted with a cast: what the app wrote
 * is checked like any input, so a column changed outside the app (or by an old bug) is refused with
 * an internal error rather than read as something else. That matters most where a value controls
 * access (a class teacher's classes): a malformed scope must never read as a wider one. The error
 * names the column and the failing paths, never the stored value, which may be personal data.
 */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('internal', `The stored ${what} is not valid JSON.`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const paths = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(root)'))].slice(0, 5);
    throw new AppError(
      'internal',
      `The stored ${what} does not have the expected shape (at ${paths.join(', ')}).`,
    );
  }
  return result.data;
}

/** campaign_participants.battery, screenings.battery: the instrument ids of a battery, in order. */
export const batteryColumn = z.array(z.string().min(1));

/** What case_events.detail says of a flag's reasons (other keys are read by those that need them). */
export const flagDetailColumn = z.looseObject({ reasons: z.array(z.string()).optional() });
