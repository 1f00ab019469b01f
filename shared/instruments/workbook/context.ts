import type { IssueParams } from '../../issues';
import type { LocalizedText } from '../schema';
import { type CellResult, cellString, parseInteger, parseNumber, parseWord, parseYes } from './cells';
import type { Vocabulary } from './layout';
import { type Path, SourceMap } from './source-map';
import type { Cell } from './table';
import type { WorkbookIssueCode } from './messages';
import type { ImportIssue, Location } from './types';

/**
 * Collects every problem while the definition is built, and where each part came from.
 * A cell that cannot be read yields a placeholder (NaN, '', the text as typed) that the
 * schema rejects at the same path, so building goes on and the cell is reported once.
 */
export class ImportContext {
  readonly issues: ImportIssue[] = [];
  readonly sources = new SourceMap();

  fail(at: Location, code: WorkbookIssueCode, params: IssueParams = {}): void {
    this.issues.push({ ...at, code, params });
  }

  from(path: Path | undefined, at: Location): void {
    if (path) this.sources.set(path, at);
  }

  private read<T>(cell: Cell, result: CellResult<T>, placeholder: T): T {
    if (result.ok) return result.value;
    this.fail(cell.at, result.code, result.params);
    return placeholder;
  }

  private missing(cell: Cell): void {
    this.fail(cell.at, 'required');
  }

  text(cell: Cell, path?: Path): string | undefined {
    this.from(path, cell.at);
    return cellString(cell.value) || undefined;
  }

  requiredText(cell: Cell, path: Path): string {
    const text = this.text(cell, path);
    if (text === undefined) this.missing(cell);
    return text ?? '';
  }

  number(cell: Cell, path?: Path): number | undefined {
    this.from(path, cell.at);
    if (cellString(cell.value) === '') return undefined;
    return this.read(cell, parseNumber(cell.value), Number.NaN);
  }

  requiredNumber(cell: Cell, path?: Path): number {
    const value = this.number(cell, path);
    if (value === undefined) this.missing(cell);
    return value ?? Number.NaN;
  }

  integer(cell: Cell, min: number, path?: Path): number {
    this.from(path, cell.at);
    if (cellString(cell.value) === '') {
      this.missing(cell);
      return Number.NaN;
    }
    return this.read(cell, parseInteger(cell.value, min), Number.NaN);
  }

  yesNo(cell: Cell, fallback: boolean | undefined, path?: Path): boolean {
    this.from(path, cell.at);
    if (cellString(cell.value) === '') {
      if (fallback === undefined) this.missing(cell);
      return fallback ?? false;
    }
    return this.read(cell, parseYes(cell.value), fallback ?? false);
  }

  word<V extends string>(vocabulary: Vocabulary<V>, cell: Cell, path: Path, fallback?: V): V {
    this.from(path, cell.at);
    if (cellString(cell.value) === '') {
      if (fallback === undefined) this.missing(cell);
      return fallback ?? ('' as V);
    }
    return this.read(cell, parseWord(vocabulary, cell.value), cellString(cell.value) as V);
  }

  /**
   * Chinese is required wherever text is; English may be left blank and then repeats the
   * Chinese, because the schema needs both and a school's custom scale is often Chinese only.
   */
  localized(zh: Cell, en: Cell, path: Path, required: true): LocalizedText;
  localized(zh: Cell, en: Cell, path: Path, required: boolean): LocalizedText | undefined;
  localized(zh: Cell, en: Cell, path: Path, required: boolean): LocalizedText | undefined {
    const zhText = this.text(zh, [...path, 'zh']);
    const enText = this.text(en, [...path, 'en']);
    if (enText === undefined) this.from([...path, 'en'], zh.at);
    this.from(path, zh.at);
    if (zhText === undefined && enText === undefined && !required) return undefined;
    if (zhText === undefined) this.missing(zh);
    return { zh: zhText ?? '', en: enText ?? zhText ?? '' };
  }
}
