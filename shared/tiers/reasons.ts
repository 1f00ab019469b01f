import type { LocalizedText } from '../instruments/schema';

/** Scores print as integers, or with at most two decimals for means. */
export function formatScore(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
}

/** "PHQ-9 第9题阳性（自伤念头）" / "PHQ-9 item 9 positive (self-harm thoughts)". */
export function itemPositiveReason(
  instrument: string,
  number: number,
  meaning: LocalizedText,
): LocalizedText {
  return {
    zh: `${instrument} 第${number}题阳性（${meaning.zh}）`,
    en: `${instrument} item ${number} positive (${meaning.en})`,
  };
}

/** "EPDS 第10题 2 分 ≥ 1" / "EPDS item 10 = 2 ≥ 1", for item rules that carry no label. */
export function itemValueReason(
  instrument: string,
  number: number,
  value: number,
  min: number,
): LocalizedText {
  return {
    zh: `${instrument} 第${number}题 ${formatScore(value)} 分 ≥ ${formatScore(min)}`,
    en: `${instrument} item ${number} = ${formatScore(value)} ≥ ${formatScore(min)}`,
  };
}

/**
 * "GAD-7 总分 16 ≥ 15" / "PHQ-9 total 12 (10–14)"; an incomplete sheet reports the lowest
 * total a full answer could have ("至少 12", "at least 12").
 */
export function totalReason(
  instrument: string,
  total: number,
  min: number,
  max: number | undefined,
  complete: boolean,
  label?: LocalizedText,
): LocalizedText {
  const reason = totalWords(instrument, total, min, max, complete);
  return label ? { zh: `${reason.zh}，${label.zh}`, en: `${reason.en}: ${label.en}` } : reason;
}

function totalWords(
  instrument: string,
  total: number,
  min: number,
  max: number | undefined,
  complete: boolean,
): LocalizedText {
  const value = formatScore(total);
  const zhValue = complete ? ` ${value}` : `至少 ${value}`;
  const enValue = complete ? value : `at least ${value}`;
  if (max === undefined) {
    return {
      zh: `${instrument} 总分${zhValue} ≥ ${formatScore(min)}${complete ? '' : '（作答不完整）'}`,
      en: `${instrument} total ${enValue} ≥ ${formatScore(min)}${complete ? '' : ' (incomplete)'}`,
    };
  }
  const range = `${formatScore(min)}–${formatScore(max)}`;
  return {
    zh: `${instrument} 总分${zhValue}（${range}${complete ? '' : '，作答不完整'}）`,
    en: `${instrument} total ${enValue} (${range}${complete ? '' : ', incomplete'})`,
  };
}

export function invalidSheetSuffix(reason: LocalizedText): LocalizedText {
  return { zh: `${reason.zh}（问卷无效）`, en: `${reason.en} (sheet invalid)` };
}
