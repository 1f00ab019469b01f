import { type CellValue, cellText } from './cell';
import { type IsoDate, parseDate } from './date';
import type { FieldSpec } from './fields';
import { ID_BIRTH_DIGITS, ID_SEX_DIGIT, type IdInfo, checkIdConsistency, parseIdNumber } from './id-number';
import type { RowIssue, RowIssueCode } from './issues';
import { type Sex, parseCount, parsePhone, parseSex, parseYesNo } from './normalise';
import { cleanName, cleanText } from './text';
import { excerpt, type IssueParams } from '../issues';

export type { RowIssue } from './issues';

/** The sex an ID number encodes, as the issue's words name it. */
const SEX_WORDS: Record<Sex, { zh: string; en: string }> = {
  M: { zh: '男', en: 'male' },
  F: { zh: '女', en: 'female' },
};

const ID_FAILURES = {
  format: 'id_format',
  region: 'id_region',
  birth_date: 'id_birth_date',
  checksum: 'id_checksum',
} as const satisfies Record<string, RowIssueCode>;

// Excel keeps 15 significant digits: an 18-digit ID typed into a number cell has already lost its tail.
const lostDigits = (value: CellValue | undefined): boolean =>
  (typeof value === 'number' && !Number.isSafeInteger(value)) ||
  (typeof value === 'string' && /^\d(?:\.\d+)?e\+?\d+$/i.test(cleanText(value)));

/** Reads one mapped row field by field, collecting the reasons it cannot be imported as it stands. */
export class RowReader<F extends string> {
  readonly issues: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];

  constructor(
    private readonly raw: Partial<Record<F, CellValue>>,
    private readonly fields: Record<F, FieldSpec>,
    readonly today: IsoDate,
  ) {}

  fail = (field: F, code: RowIssueCode, params: IssueParams = {}): void =>
    void this.issues.push({ field, code, params });
  warn = (field: F, code: RowIssueCode, params: IssueParams = {}): void =>
    void this.warnings.push({ field, code, params });

  private present(field: F, required: boolean): string | undefined {
    const text = cleanText(cellText(this.raw[field]));
    if (!text && required) this.fail(field, 'required');
    return text || undefined;
  }

  private unrecognised(field: F): undefined {
    const text = cleanText(cellText(this.raw[field]));
    this.fail(field, 'unrecognised', { value: excerpt(text) });
    return undefined;
  }

  text(field: F, { required = false, max = 64 } = {}): string | undefined {
    const text = this.present(field, required);
    if (text && text.length > max) this.fail(field, 'too_long', { max });
    return text;
  }

  name(field: F, options: { required?: boolean } = {}): string | undefined {
    const text = this.text(field, options);
    return text && cleanName(text);
  }

  /** Identifiers (学籍号, 手册编号): no spaces, upper case, and refused when Excel has rounded them. */
  code(field: F, { required = false, max = 32 } = {}): string | undefined {
    if (lostDigits(this.raw[field])) {
      this.fail(field, 'excel_number');
      return undefined;
    }
    const text = this.text(field, { required, max });
    return text?.replace(/ /g, '').toUpperCase();
  }

  parse<T>(field: F, parser: (value: CellValue | undefined) => T | null, required = false): T | undefined {
    if (!this.present(field, required)) return undefined;
    return parser(this.raw[field]) ?? this.unrecognised(field);
  }

  sex = (field: F, required = false): Sex | undefined => this.parse(field, parseSex, required);
  count = (field: F): number | undefined => this.parse(field, parseCount);
  yesNo = (field: F): boolean | undefined => this.parse(field, parseYesNo);

  phone(field: F): string | undefined {
    return this.parse(field, (value) => {
      const phone = parsePhone(value);
      return phone.ok ? phone.value.digits : null;
    });
  }

  date(field: F, required = false): IsoDate | undefined {
    if (!this.present(field, required)) return undefined;
    const date = parseDate(this.raw[field]);
    if (date.ok) return date.value;
    // A date serial outside Excel's calendar (a typo, a crafted file) is out of range, not missing.
    if (date.reason === 'invalid_date' && typeof this.raw[field] === 'number') {
      this.fail(field, 'out_of_range', { value: excerpt(cellText(this.raw[field])) });
      return undefined;
    }
    if (date.reason !== 'incomplete') return this.unrecognised(field);
    this.fail(field, 'incomplete_date');
    return undefined;
  }

  idNumber(field: F, required = false): IdInfo | undefined {
    const text = this.code(field, { required, max: 64 });
    if (!text) return undefined;
    const id = parseIdNumber(text, this.today);
    if (!id.ok) this.fail(field, ID_FAILURES[id.reason]);
    return id.ok ? id.value : undefined;
  }

  /**
   * Reports each fact the ID contradicts, under the field that holds the ID, saying which of its
   * characters say otherwise: `offset` is how many characters precede the ID in the field (the G
   * of a 全国学籍号), so the position is the one the user counts in that cell.
   */
  checkAgainstId(field: F, id: IdInfo, given: { sex?: Sex; birthDate?: IsoDate }, offset = 0): void {
    for (const mismatch of checkIdConsistency(id, given)) {
      if (mismatch === 'sex') {
        this.fail(field, 'id_sex_mismatch', {
          other: 'sex',
          position: ID_SEX_DIGIT + offset,
          digit: id.id[ID_SEX_DIGIT - 1]!,
          sex: SEX_WORDS[id.sex],
        });
      } else {
        this.fail(field, 'id_birth_mismatch', {
          other: 'birthDate',
          from: ID_BIRTH_DIGITS.from + offset,
          to: ID_BIRTH_DIGITS.to + offset,
          date: id.birthDate,
        });
      }
    }
  }
}
