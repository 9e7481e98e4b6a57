/**
 * Excel workbooks (.xlsx) in and out, through exceljs, which is loaded only here: by the commands
 * that read or write a spreadsheet, never at start-up.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../../../errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ExcelModule = any;

async function excel(): Promise<ExcelModule> {
  const mod = (await import('exceljs')) as ExcelModule;
  return mod.default ?? mod;
}

/** A date cell as Excel stores it: a JavaScript Date at midnight UTC of the day shown. */
function isoOfDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The text of a cell, whatever exceljs made of it (rich text, formula, hyperlink, date, number). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoOfDate(value);
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').normalize('NFC').trim();
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value);
}

/**
 * The rows of one sheet (the first, or the one named) as text cells, numbered as Excel numbers them.
 * A file that is not a workbook, or a sheet that does not exist, is a usage error.
 * Read by src/xlsx/read.ts as a stream of the sheet's XML (a 100,000-row sheet in well under the memory
 * exceljs's whole-workbook model took), with the same text, numbers and dates exceljs gave.
 */
export async function readXlsxRows(file: string, sheet?: string): Promise<{ line: number; cells: string[] }[]> {
  if (!existsSync(file)) throw new UsageError('compliance.import.cannotRead', { file, reason: 'ENOENT' });
  // An .xlsx file is a zip archive: anything else is refused before it is read as one.
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if ( head[0] !== 0x50 || head[1] !== 0x4b) throw new UsageError('spreadsheet.notXlsx', { file });
  const { readSheetRows, XlsxFormatError } = await import('../../../xlsx/read.js');
  let read: Awaited<ReturnType<typeof readSheetRows>>;
  try {
    read = await readSheetRows(file, sheet);
  } catch (err) {
    if (err instanceof XlsxFormatError || (err as NodeJS.ErrnoException).code?.startsWith('Z_') || err instanceof RangeError)
      throw new UsageError('spreadsheet.notXlsx', { file, reason: (err as Error).message });
    throw err;
  }
  if (!read.rows) {
    const found = read.names.map((n) => `"${n}"`).join(', ');
    throw new UsageError(sheet === undefined ? 'spreadsheet.noSheet' : 'spreadsheet.sheetMissing', { file, sheet: sheet ?? '', found });
  }
  return read.rows;
}

export interface TemplateColumn {
  header: string;
  /** Width in characters. */
  width?: number;
  date?: boolean;
  /** A note on the header cell telling what goes there. */
  hint?: string;
}

/** An empty sheet with the expected headers, for an office to fill in. Refuses to overwrite a file. */
export async function writeTemplate(file: string, sheetName: string, columns: TemplateColumn[]): Promise<void> {
  if (!/\.xlsx$/i.test(file)) throw new UsageError('spreadsheet.templateXlsx', { file });
  if (existsSync(file)) throw new UsageError('spreadsheet.templateExists', { file });
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thuky';
  const ws = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(14, c.header.length + 4), ...(c.date ? { style: { numFmt: 'dd/mm/yyyy' } } : {}) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.hint) header.getCell(i + 1).note = c.hint;
  });
  await workbook.xlsx.writeFile(file);
}

/** The template of an import: one column per field, headed by its Vietnamese name. */
export function templateColumns(fields: { key: string; aliases: string[] }[], dateKeys: string[] = []): TemplateColumn[] {
  return fields.map((f) => ({ header: f.aliases[0], date: dateKeys.includes(f.key), width: Math.max(14, f.aliases[0].length + 4) }));
}
