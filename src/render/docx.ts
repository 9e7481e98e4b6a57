/**
 * A report as a Word document in the style of the Party's administrative documents (docx, loaded
 * only here): A4, Times New Roman 14 pt body and 13 pt heading, margins 2 cm top and bottom, 3 cm
 * left, 1.5 cm right; the committee and "ĐẢNG CỘNG SẢN VIỆT NAM" side by side with the place and
 * date; the numbered title; a generated introduction; the table (landscape when wide, its header
 * row repeated on every page); the chart; notes; "Nơi nhận" and the signature block, kept together.
 * Page numbers from page 2, at the top, as the guidance places them.
 */
import type { Lang, Translate } from '../i18n/index.js';
import type { Column, Tone } from './output.js';
import { cellText, type Column as Col } from './output.js';
import type { DocumentParts, Report } from './report.js';

export const FONT = 'Times New Roman';
const BODY = 28; // half-points: 14 pt
const HEAD = 26; // 13 pt
export const CM = 567; // twips per centimetre
const A4 = { width: 11906, height: 16838 };
export const MARGIN = { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: Math.round(1.5 * CM) };
/** Tables with more columns than this are set on landscape pages. */
const WIDE = 6;
const FILLS: Partial<Record<NonNullable<Tone>, string>> = { green: 'E2EFDA', red: 'FCE4E4', yellow: 'FFF2CC' };

type Docx = typeof import('docx');
type Para = InstanceType<Docx['Paragraph']>;
type Tbl = InstanceType<Docx['Table']>;

/**
 * The heading of a Party document: left the higher organisation, the committee (bold), "*" and
 * the number; right "ĐẢNG CỘNG SẢN VIỆT NAM" (bold, underlined) and the place and date (italic).
 * The left column is wide enough for "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH" in 13 pt bold on one line
 * (8.6 cm); cell margins are kept small so that the widths hold in Word and LibreOffice alike.
 */
export function partyHeading(
  docx: Docx,
  h: { committeeParent: string | null; committee: string | null; number?: string | null; partyHeading: string; placeDate: string },
  contentWidth: number,
): Tbl {
  const { AlignmentType, Paragraph, Table, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, WidthType } = docx;
  const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
    new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics, ...(o.underline ? { underline: {} } : {}) });
  const centred = (children: InstanceType<Docx['TextRun']>[], after = 0) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, line: 264 }, children });
  // Widths from the text (Times: a 13 pt capital ≈ 0.27 cm, bold 0.29 cm, a 14 pt italic letter ≈
  // 0.218 cm, plus 5% from ink to advance): the committee on one line when it can be,
  // "ĐẢNG CỘNG SẢN VIỆT NAM" always on one line, the date line on one line when room is left.
  const slack = 0.3 * CM;
  const width = (text: string | null | undefined, perLetter: number) => (text ? text.length * perLetter * 1.05 * CM + slack : 0);
  const needLeft = Math.max(width(h.committeeParent, 0.27), width(h.committee, 0.29), 3 * CM);
  const needParty = width(h.partyHeading, 0.29);
  const needRight = Math.max(needParty, width(h.placeDate, 0.218));
  const leftWidth = Math.round(Math.min(Math.max(needLeft, contentWidth - needRight), contentWidth - needParty));
  const widths = [leftWidth, contentWidth - leftWidth];
  const left: Para[] = [];
  if (h.committeeParent) left.push(centred([run(h.committeeParent, { size: HEAD })]));
  if (h.committee) left.push(centred([run(h.committee, { bold: true, size: HEAD })]), centred([run('*', { size: HEAD })]));
  if (h.number) left.push(centred([run(h.number, { size: HEAD })]));
  if (!left.length) left.push(centred([run('')]));
  const right = [centred([run(h.partyHeading, { bold: true, size: HEAD, underline: true })], 240), centred([run(h.placeDate, { italics: true })])];
  const cell = (children: Para[], width: number) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, borders: TableBorders.NONE, margins: { left: 40, right: 40 }, children });
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, widths[0]), cell(right, widths[1])] })],
  });
}

/** Page numbers at the top centre from page 2; the first page has none. */
export function pageNumberHeaders(docx: Docx): { default: InstanceType<Docx['Header']>; first: InstanceType<Docx['Header']> } {
  const { AlignmentType, Header, Paragraph, TextRun, PageNumber } = docx;
  return {
    default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })] })] }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

export interface DocxOptions {
  lang: Lang;
  t: Translate;
  chart?: { png: Buffer; width: number; height: number };
  /** Paragraphs that replace the table (`report compliance --detail`). */
  body?: string[];
}

export async function renderReportDocx(report: Report, parts: DocumentParts, opts: DocxOptions): Promise<Buffer> {
  const docx = await import('docx');
  const { AlignmentType, BorderStyle, Document, ImageRun, Packer, PageOrientation, Paragraph, ShadingType, Table, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } =
    docx;
  const { t, lang } = opts;
  const table = report.tables[0];
  const columns = (table?.columns ?? []) as Column<unknown>[];
  const rows = table && !opts.body ? [...table.rows] : [];
  const landscape = !opts.body && columns.length > WIDE;
  const page = landscape ? { width: A4.height, height: A4.width } : A4;
  const contentWidth = page.width - MARGIN.left - MARGIN.right;

  const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics });
  const centred = (children: InstanceType<Docx['TextRun']>[], after = 0, keepNext = false) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, line: 276 }, keepNext, children });
  const body = (text: string, o: { italics?: boolean; size?: number; bold?: boolean; keepNext?: boolean } = {}) =>
    new Paragraph({
      alignment: AlignmentType.BOTH,
      spacing: { before: 60, after: 60, line: 300 },
      indent: { firstLine: CM },
      keepNext: o.keepNext,
      children: [run(text, o)],
    });

  const children: (Para | Tbl)[] = [
    partyHeading(docx, { committeeParent: parts.committeeParent, committee: parts.committee, number: parts.number, partyHeading: t('minutes.partyHeading'), placeDate: parts.placeDate }, contentWidth),
    centred([run('')]),
    centred([run(parts.kind, { bold: true, size: 32 })], 0, true),
    centred([run(parts.subject, { bold: true })], 0, true),
    centred([run('-----', { size: BODY })], 200),
    ...parts.intro.map((p) => body(p)),
  ];

  if (opts.body) {
    // The explanation's headings start at the margin, their facts are indented.
    for (const line of opts.body) children.push(line.trim() === '' ? new Paragraph({ children: [] }) : body(line.trim(), { bold: !/^\s/.test(line) }));
  } else if (table) {
    if (parts.tableHeading) children.push(new Paragraph({ spacing: { before: 200, after: 120 }, keepNext: true, children: [run(parts.tableHeading, { bold: true })] }));
    const size = columns.length > 8 ? 20 : columns.length > WIDE ? 22 : 24; // 10, 11 or 12 pt
    const widths = columnWidths(columns, rows, contentWidth, lang, t, size / 2);
    const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
    const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
    const alignOf = (c: Col<unknown>) => (c.align ?? (c.type === 'number' || c.type === 'percent' ? 'right' : 'left')) === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: columns.map(
        (c, i) =>
          new TableCell({
            width: { size: widths[i], type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E1F2' },
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(t(c.label), { bold: true, size })] })],
          }),
      ),
    });
    const dataRows = rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: columns.map((c, i) => {
            const fill = c.tone ? FILLS[c.tone(row) ?? 'bold'] : undefined;
            return new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
              children: [new Paragraph({ alignment: alignOf(c), children: [run(cellText(row, c, lang, t), { size })] })],
            });
          }),
        }),
    );
    children.push(
      new Table({ width: { size: contentWidth, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders, rows: [header, ...dataRows] }),
    );
  }

  if (opts.chart) {
    const maxWidth = (contentWidth / 1440) * 96; // pixels at 96 dpi
    const scale = Math.min(1, maxWidth / opts.chart.width);
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 240, after: 120 },
        children: [
          new ImageRun({
            type: 'png',
            data: opts.chart.png,
            transformation: { width: Math.round(opts.chart.width * scale), height: Math.round(opts.chart.height * scale) },
            altText: { name: report.chart?.title ?? 'chart', description: report.chart?.title ?? '', title: report.chart?.title ?? '' },
          }),
        ],
      }),
    );
  }

  for (const line of report.summary) children.push(body(line, { bold: true, keepNext: !report.notes.length }));
  if (report.notes.length) {
    children.push(new Paragraph({ spacing: { before: 200 }, keepNext: true, children: [run(t('doc.notesHeading'), { bold: true, italics: true, size: 24 })] }));
    report.notes.forEach((n, i) =>
      children.push(
        new Paragraph({ alignment: AlignmentType.BOTH, spacing: { after: 40 }, keepNext: i === report.notes.length - 1, children: [run(`- ${n}`, { italics: true, size: 24 })] }),
      ),
    );
  }

  // "Nơi nhận" on the left, the signature on the right; the paragraph before keeps with them.
  children.push(new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [] }));
  const closeWidths = [Math.round(contentWidth * 0.45), contentWidth - Math.round(contentWidth * 0.45)];
  const recipients = [
    new Paragraph({ keepNext: true, children: [run(t('doc.recipients'), { bold: true, italics: true, size: 24 })] }),
    ...parts.recipients.map((r) => new Paragraph({ keepNext: true, children: [run(r, { size: 22 })] })),
  ];
  const signature = [
    centred([run(parts.signature.on, { bold: true })], 0, true),
    centred([run(parts.signature.role, { bold: true })], 0, true),
    ...Array.from({ length: 5 }, () => centred([run('')], 0, true)),
    centred([run(parts.signature.name, { bold: true })]),
  ];
  const closeCell = (content: Para[], width: number) => new TableCell({ width: { size: width, type: WidthType.DXA }, borders: TableBorders.NONE, children: content });
  children.push(
    new Table({
      width: { size: contentWidth, type: WidthType.DXA },
      columnWidths: closeWidths,
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows: [new TableRow({ cantSplit: true, children: [closeCell(recipients, closeWidths[0]), closeCell(signature, closeWidths[1])] })],
    }),
  );

  const doc = new Document({
    creator: 'thuky',
    title: `${parts.kind} ${parts.subject}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: landscape ? { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE } : A4,
            margin: MARGIN,
          },
        },
        headers: pageNumberHeaders(docx),
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * Column widths in twips. Short values (numbers, dates, marks) and every heading word get the room
 * they need on one line; long text columns share what is left and wrap.
 */
function columnWidths(columns: Column<unknown>[], rows: unknown[], total: number, lang: Lang, t: Translate, pt: number): number[] {
  const charTw = pt * 10.5; // an average Times letter is about half an em; 20 twips a point
  const pad = 240; // cell margins
  const sample = rows.slice(0, 300);
  const specs = columns.map((c) => {
    // Headings are bold: a little wider per letter.
    const headerWord = Math.ceil(Math.max(...t(c.label).split(/\s+/).map((w) => w.length)) * 1.25) + 1;
    let longest = 0;
    let sum = 0;
    for (const row of sample) {
      const len = cellText(row, c, lang, t).length;
      longest = Math.max(longest, len);
      sum += len;
    }
    const avg = sample.length ? sum / sample.length : 0;
    const wraps = longest > 24;
    // A wrapping column wants room for its usual text, and for a good part of its longest (a few long reasons among empty cells).
    const chars = wraps ? Math.max(avg, longest * 0.4, 12, headerWord) : Math.max(longest, headerWord, 3);
    return { need: chars * charTw + pad, wraps, min: (wraps ? Math.max(10, headerWord) : Math.max(longest, headerWord, 3)) * charTw + pad };
  });
  let widths = specs.map((s) => s.need);
  const sum = widths.reduce((a, b) => a + b, 0);
  const flexible = specs.filter((s) => s.wraps).reduce((a, s) => a + s.need, 0);
  if (sum <= total) {
    // Room to spare: to the wrapping columns, or to all when none wraps.
    const extra = total - sum;
    widths = specs.map((s, i) => widths[i] + (flexible ? (s.wraps ? (extra * s.need) / flexible : 0) : (extra * s.need) / sum));
  } else {
    const fixed = sum - flexible;
    const room = total - fixed;
    const minFlexible = specs.filter((s) => s.wraps).reduce((a, s) => a + s.min, 0);
    if (flexible && room >= minFlexible) widths = specs.map((s, i) => (s.wraps ? (room * s.need) / flexible : widths[i]));
    else widths = widths.map((w) => (w * total) / sum);
  }
  const out = widths.map((w) => Math.floor(w));
  out[out.length - 1] += total - out.reduce((a, b) => a + b, 0);
  return out;
}
