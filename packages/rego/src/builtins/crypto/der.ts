/** A minimal DER (ASN.1) reader, enough for X.509, PKCS#1, PKCS#8 and SEC 1 structures. */

/** Universal tags (with the constructed bit where the type is always constructed). */
export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  printableString: 0x13,
  t61String: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  universalString: 0x1c,
  bmpString: 0x1e,
  numericString: 0x12,
} as const;

/** Context-specific tag byte `[n]`, constructed or primitive. */
export function contextTag(n: number, constructed: boolean): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

/** One decoded element. `tag` is the identifier octet (low tag numbers only). */
export interface DerNode {
  readonly tag: number;
  readonly content: Uint8Array;
  /** The whole element, header included. */
  readonly raw: Uint8Array;
  /** The parsed header, for error messages. */
  readonly tagClass: number;
  readonly tagNumber: number;
  readonly constructed: boolean;
}

/** A structural problem in DER data. */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DerError";
  }
}

/** The header of the element at `offset`, without checking that its content is all there. */
export interface DerHeader {
  readonly tag: number;
  readonly tagClass: number;
  readonly tagNumber: number;
  readonly constructed: boolean;
  readonly length: number;
  /** Offset of the content. */
  readonly start: number;
}

/** Reads the identifier and length octets at `offset`. */
export function readHeader(b: Uint8Array, offset: number): DerHeader {
  let i = offset;
  const first = b[i++];
  if (first === undefined) throw new DerError("truncated tag");
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (;;) {
      const c = b[i++];
      if (c === undefined) throw new DerError("truncated tag");
      tagNumber = tagNumber * 128 + (c & 0x7f);
      if ((c & 0x80) === 0) break;
    }
  }
  const l0 = b[i++];
  if (l0 === undefined) throw new DerError("truncated length");
  let len = l0;
  if (l0 & 0x80) {
    const n = l0 & 0x7f;
    if (n === 0 || n > 4) throw new DerError("unsupported length");
    len = 0;
    for (let k = 0; k < n; k++) {
      const c = b[i++];
      if (c === undefined) throw new DerError("truncated length");
      len = len * 256 + c;
    }
  }
  return {
    tag: first,
    tagClass: first >> 6,
    tagNumber,
    constructed: (first & 0x20) !== 0,
    length: len,
    start: i,
  };
}

/** Reads one element at `offset`; returns it and the offset after it. */
export function readElement(b: Uint8Array, offset: number): { node: DerNode; next: number } {
  const h = readHeader(b, offset);
  const end = h.start + h.length;
  if (end > b.length) throw new DerError("data truncated");
  const node: DerNode = {
    tag: h.tag,
    content: b.subarray(h.start, end),
    raw: b.subarray(offset, end),
    tagClass: h.tagClass,
    tagNumber: h.tagNumber,
    constructed: h.constructed,
  };
  return { node, next: end };
}

/** Sequential reader over the children of a constructed element (or a whole buffer). */
export class DerReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** The tag of the next element, or undefined at the end. */
  peekTag(): number | undefined {
    return this.bytes[this.pos];
  }

  /** Reads the next element of any tag. */
  next(): DerNode {
    const { node, next } = readElement(this.bytes, this.pos);
    this.pos = next;
    return node;
  }

  /** Reads the next element, which must carry `tag`. */
  expect(tag: number, what: string): DerNode {
    const n = this.next();
    if (n.tag !== tag) throw new DerError(`malformed ${what}`);
    return n;
  }

  /** Reads the next element if it carries `tag`. */
  optional(tag: number): DerNode | undefined {
    return this.peekTag() === tag ? this.next() : undefined;
  }
}

/** Children of a constructed node. */
export function children(n: DerNode): DerNode[] {
  const r = new DerReader(n.content);
  const out: DerNode[] = [];
  while (!r.done) out.push(r.next());
  return out;
}

/** Two's-complement INTEGER content as a bigint. */
export function derInteger(n: DerNode): bigint {
  const c = n.content;
  if (c.length === 0) throw new DerError("malformed integer");
  let v = 0n;
  for (const x of c) v = (v << 8n) | BigInt(x);
  if ((c[0] as number) & 0x80) v -= 1n << BigInt(8 * c.length);
  return v;
}

/** OBJECT IDENTIFIER arcs. */
export function derOid(n: DerNode): number[] {
  const c = n.content;
  if (c.length === 0) throw new DerError("malformed OID");
  const arcs: number[] = [];
  let v = 0;
  for (let i = 0; i < c.length; i++) {
    const x = c[i] as number;
    v = v * 128 + (x & 0x7f);
    if ((x & 0x80) === 0) {
      if (arcs.length === 0) {
        if (v < 80) arcs.push(Math.floor(v / 40), v % 40);
        else arcs.push(2, v - 80);
      } else arcs.push(v);
      v = 0;
    } else if (i === c.length - 1) throw new DerError("malformed OID");
  }
  return arcs;
}

/** Dotted text of OID arcs. */
export function oidText(arcs: readonly number[]): string {
  return arcs.join(".");
}

/** BIT STRING content: the bytes and the number of unused trailing bits. */
export function derBitString(n: DerNode): { bytes: Uint8Array; unused: number } {
  const c = n.content;
  const unused = c[0];
  if (unused === undefined || unused > 7 || (c.length === 1 && unused !== 0))
    throw new DerError("malformed bit string");
  return { bytes: c.subarray(1), unused };
}

function latin1(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

/** The text of a string-typed element, or undefined when `n` is not a string type. */
export function derString(n: DerNode, decodeUtf8: (b: Uint8Array) => string): string | undefined {
  switch (n.tag) {
    case TAG.utf8String:
      return decodeUtf8(n.content);
    case TAG.printableString:
    case TAG.ia5String:
    case TAG.numericString:
    case TAG.t61String:
      return latin1(n.content);
    case TAG.bmpString: {
      let s = "";
      for (let i = 0; i + 1 < n.content.length; i += 2)
        s += String.fromCharCode(((n.content[i] as number) << 8) | (n.content[i + 1] as number));
      return s;
    }
    case TAG.universalString: {
      let s = "";
      for (let i = 0; i + 3 < n.content.length; i += 4) {
        const cp =
          (((n.content[i] as number) << 24) >>> 0) +
          ((n.content[i + 1] as number) << 16) +
          ((n.content[i + 2] as number) << 8) +
          (n.content[i + 3] as number);
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return undefined;
  }
}

/** UTCTime or GeneralizedTime as milliseconds since the epoch. */
export function derTime(n: DerNode): number {
  const s = latin1(n.content);
  let m: RegExpExecArray | null;
  let year: number;
  if (n.tag === TAG.utcTime) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s);
    if (m === null) throw new DerError("malformed UTCTime");
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (n.tag === TAG.generalizedTime) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
    if (m === null) throw new DerError("malformed GeneralizedTime");
    year = Number(m[1]);
  } else throw new DerError("malformed time");
  const d = new Date(0);
  d.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6] ?? "0"), 0);
  return d.getTime();
}
