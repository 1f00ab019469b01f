/**
 * A name as the respondent's screen shows it (张*三, 张*): enough to recognise oneself,
 * not enough for a neighbour glancing at the next monitor.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
