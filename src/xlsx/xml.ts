/** A small XML scanner: enough for the parts of a workbook (no DTD), fed chunk by chunk. */
import { XlsxFormatError } from './zip.js';

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
/** Excel writes control characters in text as _xHHHH_. */
const EXCEL_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

function decodeText(s: string): string {
  if (s.includes('&'))
    s = s.replace(ENTITY, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e],
    );
  if (s.includes('_x')) s = s.replace(EXCEL_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** One attribute of a tag's text (its local name, any prefix ignored), decoded; undefined if absent. */
const attrPatterns = new Map<string, RegExp>();
export function attr(tag: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`[\\s:]${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? decodeText(m[1] ?? m[2]) : undefined;
}

export interface XmlHandler {
  /** An opening (or empty) element: its local name and the tag's text for attr(). */
  open(name: string, tag: string, empty: boolean): void;
  close(name: string): void;
  /** Text between tags, entities decoded. */
  text(value: string): void;
}

const localName = (qname: string) => {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
};

/** Feeds XML text, given in chunks cut anywhere, to a handler; complete tokens only. */
export class XmlScanner {
  private buf = '';

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    const buf = this.buf ? this.buf + chunk : chunk;
    const h = this.h;
    let pos = 0;
    const n = buf.length;
    while (pos < n) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) break; // text whose end has not arrived: kept
      if (lt > pos) h.text(decodeText(buf.slice(pos, lt)));
      pos = lt;
      if (buf.startsWith('<![CDATA[', lt)) {
        const endC = buf.indexOf(']]>', lt + 9);
        if (endC < 0) break;
        h.text(buf.slice(lt + 9, endC));
        pos = endC + 3;
        continue;
      }
      if (buf.startsWith('<!--', lt)) {
        const endC = buf.indexOf('-->', lt + 4);
        if (endC < 0) break;
        pos = endC + 3;
        continue;
      }
      // The tag ends at the first '>' outside quotes.
      let gt = buf.indexOf('>', lt + 1);
      while (gt >= 0 && quotesOpen(buf, lt, gt)) gt = buf.indexOf('>', gt + 1);
      if (gt < 0) break;
      const c1 = buf.charCodeAt(lt + 1);
      if (c1 === 0x3f /* ? */ || c1 === 0x21 /* ! */) {
        pos = gt + 1;
        continue;
      }
      if (c1 === 0x2f /* / */) {
        h.close(localName(buf.slice(lt + 2, gt).trim()));
      } else {
        const empty = buf.charCodeAt(gt - 1) === 0x2f;
        const tag = buf.slice(lt + 1, empty ? gt - 1 : gt);
        let e = 0;
        while (e < tag.length && tag.charCodeAt(e) > 0x20 && tag.charCodeAt(e) !== 0x2f) e++;
        const name = localName(tag.slice(0, e));
        h.open(name, tag, empty);
        if (empty) h.close(name);
      }
      pos = gt + 1;
    }
    this.buf = pos < n ? buf.slice(pos) : '';
  }

  end(): void {
    if (this.buf.trim()) throw new XlsxFormatError('unfinished XML');
  }
}

function quotesOpen(s: string, from: number, to: number): boolean {
  let quote = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
  }
  return quote !== 0;
}

export function scanAll(text: string, h: XmlHandler): void {
  const s = new XmlScanner(h);
  s.write(text);
  s.end();
}

// ---- the workbook's parts ----
