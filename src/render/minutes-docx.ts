/**
 * Minutes as a Word file in the usual Vietnamese administrative layout: A4, Times New Roman 14 pt
 * body (13 pt headings of the committee), margins 2 cm top and bottom, 3 cm left, 1.5 cm right;
 * the committee and "ĐẢNG CỘNG SẢN VIỆT NAM" side by side in a borderless table, signatures likewise.
 * The docx package is loaded here only, so that no other command pays for it.
 */
import { CM, FONT, MARGIN, pageNumberHeaders, partyHeading } from './docx.js';
import type { MinutesBlock, MinutesModel } from './minutes.js';

const BODY = 28; // half-points: 14 pt
const A4_CONTENT = 11906 - MARGIN.left - MARGIN.right;
/** Blank lines left to sign in: about 3 cm. */
const SIGNING_LINES = 5;

export async function renderMinutesDocx(model: MinutesModel, meta: { title: string; creator: string }): Promise<Buffer> {
  const docx = await import('docx');
  const { AlignmentType, Document, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } = docx;

  const run = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
    new TextRun({ text, font: FONT, size: opts.size ?? BODY, bold: opts.bold, italics: opts.italics, ...(opts.underline ? { underline: {} } : {}) });

  const centred = (children: InstanceType<typeof TextRun>[], after = 0, keepNext = false) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, line: 276 }, keepNext, children });

  const cell = (children: InstanceType<typeof Paragraph>[], widthPct: number) =>
    new TableCell({ width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE, children });

  const paragraphs = (b: MinutesBlock, keepNext = false) => {
    const lines = b.text.split('\n');
    return lines.map((line, i) => {
      const children: InstanceType<typeof TextRun>[] = [];
      if (i === 0 && b.marker) children.push(run(`${b.marker} `, { italics: b.italic }));
      if (i === 0 && b.lead) children.push(run(b.lead, { bold: true, italics: b.italic }));
      children.push(run(i === 0 ? line : line.trim(), { italics: b.italic }));
      return new Paragraph({
        alignment: AlignmentType.BOTH,
        spacing: { before: 60, after: 60, line: 300 },
        indent: { left: b.level ? CM : 0, firstLine: b.level ? 0 : CM },
        keepNext,
        children,
      });
    });
  };

  const body: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [
    partyHeading(docx, { committeeParent: model.committeeParent, committee: model.committee, partyHeading: model.partyHeading, placeDate: model.placeDate }, A4_CONTENT),
    centred([run('')]),
    centred([run(model.title, { bold: true, size: 32 })], 60),
    centred([run(model.subtitle, { bold: true })], 240),
  ];
  model.sections.forEach((section, i) => {
    // The closing section keeps with the signatures, so that they never stand alone on a page.
    const last = i === model.sections.length - 1;
    body.push(new Paragraph({ spacing: { before: 180, after: 60 }, keepNext: true, children: [run(section.heading, { bold: true })] }));
    for (const b of section.blocks) body.push(...paragraphs(b, last));
  });
  body.push(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [run('')] }));
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: TableBorders.NONE,
      rows: [
        new TableRow({
          cantSplit: true,
          children: model.signatures.map((s) =>
            cell(
              [
                centred([run(s.role, { bold: true })], 0, true),
                ...Array.from({ length: SIGNING_LINES }, () => centred([run('')], 0, true)),
                centred([run(s.name ?? '…………………', { bold: !!s.name })]),
              ],
              Math.floor(100 / model.signatures.length),
            ),
          ),
        }),
      ],
    }),
  );
  for (const n of model.notes) body.push(new Paragraph({ spacing: { before: 240 }, children: [run(n, { italics: true, size: 24 })] }));

  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: 11906, height: 16838 }, margin: MARGIN },
        },
        headers: pageNumberHeaders(docx),
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
