/** Reading generated Office files back in tests: a .docx (or .xlsx) is a zip file. */
import { unzipAll } from '../src/xlsx/zip.js';

/** The entries of a zip file, unpacked by the reader the imports use. */
export const unzip = unzipAll;

/** The visible text of a Word XML part, one paragraph a line. */
export function docxText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The tables of a Word document's XML, each as rows of cell texts. */
export function docxTables(xml: string): { header: boolean; rows: string[][] }[] {
  const tables: { header: boolean; rows: string[][] }[] = [];
  for (const m of xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)) {
    const rows = [...m[1].matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => docxText(c[1]).trim()));
    tables.push({ header: m[1].includes('<w:tblHeader/>'), rows });
  }
  return tables;
}
