/** The zip container of a workbook or a document: its directory, one entry inflated whole or as a stream. */
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

/** A file that is not a workbook this reader understands: the message says why. */
export class XlsxFormatError extends Error {}

export interface ZipEntry {
  method: number;
  compressedSize: number;
  offset: number;
}

/** The entries of a zip archive, by name, read from its central directory. */
export function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxFormatError('no zip directory');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  if (count === 0xffff || p === 0xffffffff) throw new XlsxFormatError('zip64 archives are not read');
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) throw new XlsxFormatError('damaged zip directory');
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new XlsxFormatError(`damaged zip entry ${name}`);
    const offset = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.set(name.replace(/^\//, ''), { method, compressedSize, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function entryBytes(zip: Buffer, e: ZipEntry): Buffer {
  const raw = zip.subarray(e.offset, e.offset + e.compressedSize);
  if (e.method === 0) return raw;
  if (e.method === 8) return inflateRawSync(raw);
  throw new XlsxFormatError(`zip compression method ${e.method} is not read`);
}

/** The chunks of an entry's text as it is inflated, decoded across chunk boundaries. */
export async function* entryText(zip: Buffer, e: ZipEntry, chunkSize = 64 * 1024): AsyncGenerator<string> {
  const raw = zip.subarray(e.offset, e.offset + e.compressedSize);
  if (e.method !== 0 && e.method !== 8) throw new XlsxFormatError(`zip compression method ${e.method} is not read`);
  const source = e.method === 0 ? Readable.from([raw]) : Readable.from([raw]).pipe(createInflateRaw({ chunkSize }));
  yield* decodeChunks(source);
}

/** Byte chunks → text chunks; a letter whose bytes are split between two chunks is kept whole. */
export async function* decodeChunks(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
/** Every entry of a zip file (an .xlsx or .docx), unpacked: for reading small parts whole. */
export function unzipAll(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [name, e] of zipEntries(zip)) out.set(name, entryBytes(zip, e));
  return out;
}
