import type { InstrumentDefinitionInput } from '../schema';
import { checkDefinition, sortIssues } from './check';
import { ImportContext } from './context';
import { readInfo } from './info';
import { ItemIndex, readItems, readOptionSets } from './items';
import {
  bandsSheet,
  criticalSheet,
  infoSheet,
  itemsSheet,
  normsSheet,
  optionsSheet,
  type SheetSpec,
  scalesSheet,
  validitySheet,
} from './layout';
import { readBands, readScales } from './scales';
import { readCritical, readNorms, readValidity } from './rules';
import { parsePath } from './source-map';
import { findSheet, readTable } from './table';
import type { DefinitionImport, ImportIssue, WorkbookSheet } from './types';

/** Finds and reads every data sheet; problems with sheets or headers stop the import before any row is read. */
function readTables(sheets: readonly WorkbookSheet[], issues: ImportIssue[]) {
  const read = <S extends SheetSpec>(spec: S) => {
    const sheet = findSheet(sheets, spec);
    if (!sheet) {
      if (spec.required) {
        issues.push({ sheet: spec.name, row: 1, code: 'missing_sheet', params: { value: spec.name } });
      }
      return undefined;
    }
    return readTable(sheet, spec, issues);
  };
  return {
    info: read(infoSheet),
    items: read(itemsSheet),
    options: read(optionsSheet),
    scales: read(scalesSheet),
    bands: read(bandsSheet),
    norms: read(normsSheet),
    validity: read(validitySheet),
    critical: read(criticalSheet),
  };
}

/**
 * Builds a custom instrument definition from the sheets of an import workbook (see layout.ts
 * for the sheets and columns). Nothing is half-loaded: every problem found is returned, each
 * on the sheet, row and column it concerns, or the whole definition, checked like a built-in.
 */
export function definitionFromSheets(sheets: readonly WorkbookSheet[]): DefinitionImport {
  const structural: ImportIssue[] = [];
  const tables = readTables(sheets, structural);
  const { info, items, options, scales } = tables;
  if (structural.length || !info || !items || !options || !scales) {
    return { ok: false, errors: sortIssues(structural) };
  }
  const ctx = new ImportContext();
  const infoPart = readInfo(ctx, info);
  ctx.from(['items'], items.headerAt('number'));
  ctx.from(['optionSets'], options.headerAt('set'));
  const optionSets = readOptionSets(ctx, options);
  const itemList = readItems(ctx, items);
  const index = new ItemIndex(itemList);
  const scaleList = readScales(ctx, scales, index, infoPart.citation);
  if (tables.bands) readBands(ctx, tables.bands, scaleList.scales);
  const input: InstrumentDefinitionInput = {
    ...infoPart,
    builtin: false,
    // With a single option set there is nothing to choose, so items may leave 选项组 blank.
    ...(infoPart.defaultOptionSet === undefined && optionSets.length === 1
      ? { defaultOptionSet: optionSets[0]!.id }
      : {}),
    items: itemList,
    optionSets,
    ...scaleList,
    criticalItems: tables.critical ? readCritical(ctx, tables.critical, index) : [],
    validity: tables.validity ? readValidity(ctx, tables.validity) : [],
    norms: tables.norms ? readNorms(ctx, tables.norms, infoPart.citation) : [],
  };
  return checkDefinition(
    input,
    ctx.issues,
    (path, message) =>
      ctx.sources.locate(parsePath(path), message) ?? { sheet: info.name, row: 1, field: path },
  );
}
