/**
 * Minutes as a Word file in the usual Vietnamese administrative layout: A4, Times New Roman 14 pt
 * body (13 pt headings of the committee), margins 2 cm top and bottom, 3 cm left, 1.5 cm right;
 * the committee and "ĐẢNG CỘNG SẢN VIỆT NAM" side by side in a borderless table, signatures likewise.
 * The docx package is loaded here only, so that no other command pays for it.
 */
import type { MinutesBlock, MinutesModel } from './minutes.js';

const FONT = 'Times New Roman';
const BODY = 28; // half-points: 14 pt
const HEAD = 26; // 13 pt
const CM = 567; // twips per centimetre

export async function renderMinutesDocx(model: MinutesModel, meta: { title: string; creator: string }): Promise<Buffer> {
  const docx = await import('docx');
  const { AlignmentType, Document, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } = docx;

  const run = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
    new TextRun({ text, font: FONT, size: opts.size ?? BODY, bold: opts.bold, italics: opts.italics, ...(opts.underline ? { underline: {} } : {}) });

  const centred = (children: InstanceType<typeof TextRun>[], after = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, line: 276 }, children });

  const cell = (children: InstanceType<typeof Paragraph>[], widthPct: number) =>
    new TableCell({ width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE, children });

  const twoColumns = (left: InstanceType<typeof Paragraph>[], right: InstanceType<typeof Paragraph>[], leftPct = 45) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: TableBorders.NONE,
      rows: [new TableRow({ children: [cell(left, leftPct), cell(right, 100 - leftPct)] })],
    });

  // Heading: committee on the left, party heading and place-date on the right.
  const left: InstanceType<typeof Paragraph>[] = [];
  if (model.committeeParent) left.push(centred([run(model.committeeParent, { size: HEAD })]));
  if (model.committee) left.push(centred([run(model.committee, { bold: true, size: HEAD })]), centred([run('*', { size: HEAD })]));
  if (!left.length) left.push(centred([run('')]));
  const right = [
    centred([run(model.partyHeading, { bold: true, size: HEAD, underline: true })], 240),
    centred([run(model.placeDate, { italics: true, size: BODY })]),
  ];

  const paragraphs = (b: MinutesBlock) => {
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
        children,
      });
    });
  };

  const body: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [
    twoColumns(left, right),
    centred([run('')]),
    centred([run(model.title, { bold: true, size: 32 })], 60),
    centred([run(model.subtitle, { bold: true })], 240),
  ];
  for (const section of model.sections) {
    body.push(new Paragraph({ spacing: { before: 180, after: 60 }, children: [run(section.heading, { bold: true })] }));
    for (const b of section.blocks) body.push(...paragraphs(b));
  }
  body.push(centred([run('')]));
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: TableBorders.NONE,
      rows: [
        new TableRow({
          children: model.signatures.map((s) =>
            cell(
              [
                centred([run(s.role, { bold: true })]),
                centred([run('')]),
                centred([run('')]),
                centred([run('')]),
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
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: Math.round(1.5 * CM) },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
