/**
 * Question texts in online-survey exports are retyped by hand: punctuation, dashes and a
 * word order slip (觉察/察觉). Texts are compared on their Han characters, letters and digits
 * by the Dice coefficient of character pairs, which tolerates such slips.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/^\s*(?:第?\d+[、.．:：)）]|[(（]\d+[)）])\s*/u, '')
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]/gu, '');
}

function pairs(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

export function textSimilarity(a: string, b: string): number {
  const x = comparableText(a);
  const y = comparableText(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const px = pairs(x);
  let shared = 0;
  for (const [pair, n] of pairs(y)) shared += Math.min(n, px.get(pair) ?? 0);
  return (2 * shared) / (x.length - 1 + (y.length - 1));
}
