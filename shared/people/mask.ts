/**
 * A name as a shared screen shows it (张*三, 张*): enough for respondents to recognise themselves,
 * not enough for a neighbour glancing at the next monitor or the next person in the queue. The LAN
 * station's server and the kiosk's screen both mask with this one rule.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
