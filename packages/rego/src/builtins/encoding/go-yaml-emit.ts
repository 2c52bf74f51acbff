import { isArray, objectEntries, RegoSet, type Value } from "../../value/value.js";
import { goJsonMarshal } from "./go-json-marshal.js";
import { toWellFormed } from "./go-json-parse.js";
import { chooseStyle, goFormatFloat, isYamlPrintable, type ScalarStyle } from "./go-yaml-scalar.js";

/**
 * YAML text of a Rego value as OPA's `yaml.marshal` prints it: the value goes through JSON and
 * go-yaml v2's emitter (block style, 2-space indent, sequences in mappings not indented, keys in
 * go-yaml's natural order, long plain scalars folded past column 80).
 */

const BEST_WIDTH = 80;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

class Out {
  text = "";
  column = 0;

  write(s: string): void {
    this.text += s;
    this.column += s.length;
  }

  indent(n: number): void {
    this.text += `\n${" ".repeat(n)}`;
    this.column = n;
  }
}

/** The YAML document for `v`. */
export function goYamlMarshal(v: Value): string {
  const out = new Out();
  if (isComposite(v) && !isEmpty(v)) {
    if (isArray(v) || v instanceof RegoSet) writeSeq(seqItems(v), out, 0);
    else writeMap(v, out, 0);
  } else writeScalarNode(v, out, 2, false, true);
  return `${out.text}\n`;
}

type Composite = Exclude<Value, null | boolean | number | bigint | string>;

function isComposite(v: Value): v is Composite {
  return v !== null && typeof v === "object";
}

function seqItems(v: readonly Value[] | RegoSet): readonly Value[] {
  return isArray(v) ? v : v.values();
}

function isEmpty(v: Composite): boolean {
  if (isArray(v)) return v.length === 0;
  if (v instanceof RegoSet) return v.size === 0;
  return objectEntries(v).length === 0;
}

function mapEntries(o: Exclude<Composite, readonly Value[] | RegoSet>): [string, Value][] {
  const byKey = new Map<string, Value>();
  for (const [k, x] of objectEntries(o))
    byKey.set(typeof k === "string" ? toWellFormed(k) : goJsonMarshal(k), x);
  return [...byKey.entries()].sort((a, b) => (keyLess(a[0], b[0]) ? -1 : keyLess(b[0], a[0]) ? 1 : 0));
}

function writeMap(o: Exclude<Composite, readonly Value[] | RegoSet>, out: Out, indent: number): void {
  let first = true;
  for (const [k, x] of mapEntries(o)) {
    if (!first) out.indent(indent);
    first = false;
    writeString(k, out, indent + 2, true);
    out.write(":");
    writeChild(x, out, indent, true);
  }
}

function writeSeq(items: readonly Value[], out: Out, indent: number): void {
  items.forEach((x, i) => {
    if (i > 0) out.indent(indent);
    out.write("-");
    writeChild(x, out, indent, false);
  });
}

/** A map value or sequence item, after its `key:` or `-` indicator. */
function writeChild(x: Value, out: Out, indent: number, inMap: boolean): void {
  if (isComposite(x) && !isEmpty(x)) {
    if (isArray(x) || x instanceof RegoSet) {
      if (inMap) out.indent(indent);
      else out.write(" ");
      writeSeq(seqItems(x), out, inMap ? indent : indent + 2);
    } else {
      if (inMap) out.indent(indent + 2);
      else out.write(" ");
      writeMap(x, out, indent + 2);
    }
    return;
  }
  writeScalarNode(x, out, indent + 2, false, false);
}

function writeScalarNode(v: Value, out: Out, indent: number, isKey: boolean, root: boolean): void {
  const sep = root ? "" : " ";
  if (v === null) out.write(`${sep}null`);
  else if (typeof v === "boolean") out.write(`${sep}${v}`);
  else if (typeof v === "number" || typeof v === "bigint") out.write(`${sep}${formatYamlNumber(v)}`);
  else if (typeof v === "string") {
    out.write(sep);
    writeString(toWellFormed(v), out, indent, isKey);
  } else if (isArray(v) || v instanceof RegoSet) out.write(`${sep}[]`);
  else out.write(`${sep}{}`);
}

/** Numbers as go-yaml prints the Go values JSON decoding gives: integers, else `%g` floats. */
function formatYamlNumber(n: number | bigint): string {
  if (typeof n === "bigint")
    return n >= INT64_MIN && n <= UINT64_MAX ? n.toString() : goFormatFloat(Number(n));
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return goFormatFloat(n);
}

function writeString(s: string, out: Out, indent: number, isKey: boolean): void {
  const style: ScalarStyle = chooseStyle(s, isKey);
  switch (style) {
    case "plain":
      writeFolded(s, out, indent, !isKey, false);
      return;
    case "single":
      out.write("'");
      writeFolded(s.replaceAll("'", "''"), out, indent, !isKey, true);
      out.write("'");
      return;
    case "literal":
      writeLiteral(s, out, indent);
      return;
    case "double":
      writeDouble(s, out, indent, !isKey);
  }
}

/** Plain and single-quoted text: a space past the best width becomes a line break. */
function writeFolded(s: string, out: Out, indent: number, allowBreaks: boolean, quoted: boolean): void {
  let spaces = false;
  let run = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === " ") {
      const next = s[i + 1];
      const inner = !quoted || (i !== 0 && i !== s.length - 1);
      if (allowBreaks && !spaces && out.column + run.length > BEST_WIDTH && inner && next !== " ") {
        out.write(run);
        run = "";
        out.indent(indent);
      } else run += c;
      spaces = true;
    } else {
      run += c;
      spaces = false;
    }
  }
  out.write(run);
}

function writeLiteral(s: string, out: Out, indent: number): void {
  let hints = s.startsWith(" ") || s.startsWith("\n") ? "2" : "";
  if (!s.endsWith("\n")) hints += "-";
  else if (s === "\n" || s.endsWith("\n\n")) hints += "+";
  out.write(`|${hints}`);
  const lines = s.split("\n");
  if (s.endsWith("\n")) lines.pop();
  for (const line of lines) {
    if (line === "") {
      out.text += "\n";
      out.column = 0;
    } else {
      out.indent(indent);
      out.write(line);
    }
  }
}

const DOUBLE_ESCAPES: Record<number, string> = {
  0: "0",
  7: "a",
  8: "b",
  9: "t",
  10: "n",
  11: "v",
  12: "f",
  13: "r",
  27: "e",
  34: '"',
  92: "\\",
  133: "N",
  160: "_",
  8232: "L",
  8233: "P",
};

function doubleEscape(cp: number): string | undefined {
  const isBreak = cp === 10 || cp === 13 || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
  if (isYamlPrintable(cp) && !isBreak && cp !== 0xfeff && cp !== 34 && cp !== 92) return undefined;
  const short = DOUBLE_ESCAPES[cp];
  if (short !== undefined && cp !== 0xa0) return `\\${short}`;
  const h = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${h.padStart(2, "0")}`;
  if (cp <= 0xffff) return `\\u${h.padStart(4, "0")}`;
  return `\\U${h.padStart(8, "0")}`;
}

function writeDouble(s: string, out: Out, indent: number, allowBreaks: boolean): void {
  out.write('"');
  const cps = [...s];
  let spaces = false;
  cps.forEach((ch, i) => {
    const cp = ch.codePointAt(0) ?? 0;
    const esc = doubleEscape(cp);
    if (esc !== undefined) {
      out.write(esc);
      spaces = false;
    } else if (ch === " ") {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && i !== 0 && i !== cps.length - 1) {
        out.indent(indent);
        if (cps[i + 1] === " ") out.write("\\");
      } else out.write(" ");
      spaces = true;
    } else {
      out.write(ch);
      spaces = false;
    }
  });
  out.write('"');
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** go-yaml v2's key order: letters after other characters, digit runs compared as numbers. */
export function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as string;
    const y = br[i] as string;
    if (x === y) continue;
    const al = LETTER.test(x);
    const bl = LETTER.test(y);
    if (al && bl) return (x.codePointAt(0) ?? 0) < (y.codePointAt(0) ?? 0);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === "0" || y === "0") {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j] as string); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai] as string); ai++) an = an * 10 + digitValue(ar[ai] as string);
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi] as string); bi++) bn = bn * 10 + digitValue(br[bi] as string);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (x.codePointAt(0) ?? 0) < (y.codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}

function digitValue(d: string): number {
  const c = d.codePointAt(0) ?? 48;
  return c >= 48 && c <= 57 ? c - 48 : 0;
}
