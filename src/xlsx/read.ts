/**
 * Reading one sheet of an Excel workbook (.xlsx) as rows of text, with little memory: the file is a
 * zip archive whose sheet is inflated as a stream (node:zlib) and decoded with a StringDecoder, which
 * keeps the bytes of a letter that falls across two chunks until the rest arrives ("có" stays "có"),
 * then scanned tag by tag; only the cells' text is kept, never a model of the workbook.
 * Shared strings, styles (which cells hold dates) and the workbook's list of sheets are read first.
 *
 * Reading the whole workbook through exceljs took ~500 MB for a sheet of 100,000 people; exceljs
 * 4.4's own streaming reader decodes each chunk separately and breaks Vietnamese letters.
 */
import { readFileSync } from 'node:fs';
import { attr, scanAll, XmlScanner, type XmlHandler } from './xml.js';
import { entryBytes, entryText, XlsxFormatError, zipEntries } from './zip.js';

export { decodeChunks, unzipAll, XlsxFormatError } from './zip.js';
export { XmlScanner, type XmlHandler } from './xml.js';


/** Built-in number formats that show a date or a time (as exceljs counts them). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (cellXfs, by index): whether it shows a date. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  scanAll(xml, {
    open(name, tag) {
      if (name === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        const code = custom.get(id);
        styles.push(code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return styles;
}

/** The shared strings: each <si>'s text runs joined (phonetic guides left out). */
function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let cur: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  scanAll(xml, {
    open(name) {
      if (name === 'si') cur = [];
      else if (name === 't') inT = true;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'si') {
        out.push((cur ?? []).join(''));
        cur = null;
      } else if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
    },
    text(v) {
      if (inT && !phonetic && cur) cur.push(v);
    },
  });
  return out;
}

function relationships(xml: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!xml)
    return out;
  scanAll(xml, {
    open(name, tag) {
      if (name === 'Relationship') out.set(attr(tag, 'Id') ?? '', attr(tag, 'Target') ?? '');
    },
    close() {},
    text() {},
  });
  return out;
}

/** A part's path from a relationship target, relative to the folder of the part that names it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Column number (1 = A) of a cell reference such as "BC12". */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

/** A date serial number as the ISO day Excel shows (the arithmetic of exceljs: midnight UTC of that day). */
function isoOfSerial(v: number, date1904: boolean): string {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)).toISOString().slice(0, 10);
}

export interface XlsxRow {
  /** The row's number in the sheet, as Excel shows it. */
  line: number;
  cells: string[];
}

export interface XlsxSheetInfo {
  names: string[];
}

/** Turns a sheet's XML, given in chunks, into rows of text; rows without any value are left out. */
export class SheetRows implements XmlHandler {
  readonly rows: XlsxRow[] = [];
  private line = 0;
  private cells: string[] = [];
  private col = 0;
  private type = '';
  private style = 0;
  private value: string[] = [];
  private inValue = false;
  private inInline = 0;
  private phonetic = 0;
  private inT = false;
  private inline: string[] = [];

  constructor(
    private readonly shared: string[],
    private readonly dates: boolean[],
    private readonly date1904: boolean,
  ) {}

  open(name: string, tag: string): void {
    switch (name) {
      case 'row': {
        const r = attr(tag, 'r');
        this.line = r ? Number(r) : this.line + 1;
        this.cells = [];
        this.col = 0;
        break;
      }
      case 'c': {
        const r = attr(tag, 'r');
        this.col = r ? columnOf(r) : this.col + 1;
        this.type = attr(tag, 't') ?? 'n';
        this.style = Number(attr(tag, 's') ?? 0);
        this.value = [];
        this.inline = [];
        break;
      }
      case 'v':
        this.inValue = true;
        break;
      case 'is':
        this.inInline++;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        this.inT = true;
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.inValue = false;
        break;
      case 'is':
        this.inInline--;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 't':
        this.inT = false;
        break;
      case 'c': {
        const text = this.cellText();
        if (text !== '') {
          while (this.cells.length < this.col - 1) this.cells.push('');
          this.cells[this.col - 1] = text;
        }
        break;
      }
      case 'row':
        if (this.cells.length) this.rows.push({ line: this.line, cells: this.cells });
        this.cells = [];
        break;
    }
  }

  text(v: string): void {
    if (this.inValue) this.value.push(v);
    else if (this.inInline && this.inT && !this.phonetic) this.inline.push(v);
  }

  private cellText(): string {
    const v = this.value.join('');
    switch (this.type) {
      case 's':
        return v === '' ? '' : (this.shared[Number(v)] ?? '').normalize('NFC').trim();
      case 'inlineStr':
        return this.inline.join('').normalize('NFC').trim();
      case 'str':
        return v.normalize('NFC').trim();
      case 'b':
        return v === '' ? '' : v === '1' || v === 'true' ? 'true' : 'false';
      case 'e':
        return '';
      case 'd':
        return v.slice(0, 10);
      default: {
        if (v.trim() === '') return '';
        const num = Number(v);
        if (Number.isNaN(num)) return v.trim();
        return this.dates[this.style] ? isoOfSerial(num, this.date1904) : String(num);
      }
    }
  }
}

/**
 * The rows of one sheet of an .xlsx file (the first, or the one named), as text cells.
 * Throws XlsxFormatError for a file that is not a workbook; returns the sheet names and no rows
 * (`rows: undefined`) when the sheet asked for does not exist. `chunkSize`: bytes inflated at a time.
 */
export async function readSheetRows(file: string, sheet?: string, opts: { chunkSize?: number } = {}): Promise<{ rows?: XlsxRow[]; names: string[] }> {
  const zip = readFileSync(file);
  const entries = zipEntries(zip);
  const text = (path: string): string | undefined => {
    const e = entries.get(path);
    return e ? entryBytes(zip, e).toString('utf8') : undefined;
  };
  const rootRels = relationships(text('_rels/.rels'));
  const officeDoc = [...rootRels.values()].find((t) => /workbook\.xml$/i.test(t));
  const workbookPath = officeDoc ? resolvePart('', officeDoc) : 'xl/workbook.xml';
  const workbookXml = text(workbookPath);
  if (workbookXml === undefined) throw new XlsxFormatError('no workbook part');
  const relsPath = resolvePart(workbookPath, `_rels/${workbookPath.split('/').pop()}.rels`);
  const rels = relationships(text(relsPath));
  const sheets: { name: string; path: string }[] = [];
  let date1904 = false;
  let sharedPath: string | undefined;
  let stylesPath: string | undefined;
  for (const [, target] of rels) {
    if (/sharedStrings\.xml$/i.test(target)) sharedPath = resolvePart(workbookPath, target);
    if (/styles\.xml$/i.test(target)) stylesPath = resolvePart(workbookPath, target);
  }
  scanAll(workbookXml, {
    open(name, tag) {
      if (name === 'sheet') {
        const rid = attr(tag, 'id') ?? '';
        const target = rels.get(rid);
        if (target) sheets.push({ name: (attr(tag, 'name') ?? '').normalize('NFC'), path: resolvePart(workbookPath, target) });
      } else if (name === 'workbookPr') {
        const d = attr(tag, 'date1904');
        date1904 = d === '1' || d === 'true';
      }
    },
    close() {},
    text() {},
  });
  const names = sheets.map((s) => s.name);
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet.normalize('NFC'));
  if (!chosen) return { names };
  const entry = entries.get(chosen.path);
  if (!entry) throw new XlsxFormatError(`no part ${chosen.path}`);
  const handler = new SheetRows(sharedStrings(text(sharedPath ?? 'xl/sharedStrings.xml')), dateStyles(text(stylesPath ?? 'xl/styles.xml')), date1904);
  const scanner = new XmlScanner(handler);
  for await (const chunk of entryText(zip, entry, opts.chunkSize)) scanner.write(chunk);
  scanner.end();
  return { rows: handler.rows, names };
}

