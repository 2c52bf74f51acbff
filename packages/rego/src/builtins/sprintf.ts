/**
 * Go's `fmt.Sprintf` as OPA's `sprintf` uses it. OPA hands Go integers as `int` (or `*big.Int`
 * beyond 64 bits), other numbers as `float64`, strings as `string`, and every other value as the
 * `string` of its Rego text. Formats are parsed once per distinct format and argument count.
 */
import { formatValue } from "../value/format.js";
import { canBackquote, goQuote, goQuoteRune, isGoPrint } from "../value/go-quote.js";
import type { Value } from "../value/value.js";
import { formatGoFloat } from "./sprintf-float.js";
import { trimRight } from "./strings-go.js";

/** What a Rego value is as a Go argument: a string, an int, a float64 or a *big.Int. */
type GoArg = string | number | bigint;
type GoKind = "string" | "int" | "float64" | "big";

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64 = 1n << 64n;

function kindOf(a: GoArg): GoKind {
  if (typeof a === "string") return "string";
  if (typeof a === "number") return Number.isSafeInteger(a) ? "int" : "float64";
  return a >= INT64_MIN && a <= INT64_MAX ? "int" : "big";
}

function typeString(k: GoKind): string {
  return k === "big" ? "*big.Int" : k;
}

/**
 * A number too large for float64 reaches Go as its source text; we only have its value, so it is
 * written the way such literals usually are (`2e308`).
 */
function hugeNumberText(b: bigint): string {
  const digits = (b < 0n ? -b : b).toString();
  const trimmed = trimRight(digits, "0");
  const zeros = digits.length - trimmed.length;
  return `${b < 0n ? "-" : ""}${zeros > 0 ? `${trimmed}e${zeros}` : digits}`;
}

function toGoArg(v: Value): GoArg {
  if (typeof v === "bigint" && !Number.isFinite(Number(v))) return hugeNumberText(v);
  if (typeof v === "string" || typeof v === "number" || typeof v === "bigint") return v;
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  return formatValue(v);
}

/** Formatting state of one verb (Go's `fmt.fmtFlags` plus width and precision). */
const f = {
  sharp: false,
  zero: false,
  plus: false,
  minus: false,
  space: false,
  sharpV: false,
  plusV: false,
  wid: 0,
  widPresent: false,
  prec: 0,
  precPresent: false,
};

function clearFlags(): void {
  f.sharp = f.zero = f.plus = f.minus = f.space = f.sharpV = f.plusV = false;
  f.wid = f.prec = 0;
  f.widPresent = f.precPresent = false;
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || (s.charCodeAt(i - 1) & 0xfc00) !== 0xd800) n++;
  }
  return n;
}

function padding(n: number, zero: boolean): string {
  return n > 0 ? (zero ? "0" : " ").repeat(n) : "";
}

/** Pads to the width with spaces (or zeros to the left when the zero flag is set). */
function pad(s: string, allowZero = true): string {
  if (!f.widPresent || f.wid === 0) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + padding(n, false);
  return padding(n, allowZero && f.zero) + s;
}

function truncate(s: string): string {
  if (!f.precPresent) return s;
  let i = 0;
  let n = 0;
  while (i < s.length && n < f.prec) {
    const c = s.codePointAt(i) ?? 0;
    i += c > 0xffff ? 2 : 1;
    n++;
  }
  return s.slice(0, i);
}

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0) ?? 0;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function fmtSx(s: string, upper: boolean): string {
  const bytes = utf8Bytes(s);
  const digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  const x = upper ? "X" : "x";
  let length = bytes.length;
  if (f.precPresent && f.prec < length) length = f.prec;
  let width = 2 * length;
  if (width <= 0) return f.widPresent ? padding(f.wid, f.zero && !f.minus) : "";
  if (f.space) {
    if (f.sharp) width *= 2;
    width += length - 1;
  } else if (f.sharp) width += 2;
  let out = "";
  if (f.sharp) out += `0${x}`;
  for (let i = 0; i < length; i++) {
    if (f.space && i > 0) out += f.sharp ? ` 0${x}` : " ";
    const b = bytes[i] ?? 0;
    out += (digits[b >> 4] ?? "") + (digits[b & 15] ?? "");
  }
  if (f.widPresent && f.wid > width) {
    const fill = padding(f.wid - width, f.zero && !f.minus);
    return f.minus ? out + fill : fill + out;
  }
  return out;
}

function fmtQ(s: string): string {
  const t = truncate(s);
  if (f.sharp && canBackquote(t)) return pad(`\`${t}\``);
  return pad(goQuote(t, f.plus));
}

function fmtString(s: string, verb: string): string | undefined {
  switch (verb) {
    case "v":
      return f.sharpV ? fmtQ(s) : pad(truncate(s));
    case "s":
      return pad(truncate(s));
    case "x":
      return fmtSx(s, false);
    case "X":
      return fmtSx(s, true);
    case "q":
      return fmtQ(s);
    default:
      return undefined;
  }
}

/** Go's `fmt.fmtInteger` on a sign and the digits of the magnitude. */
function fmtInteger(neg: boolean, digits: string, base: number, verb: string): string {
  let prec = 0;
  if (f.precPresent) {
    prec = f.prec;
    if (prec === 0 && digits === "0") return f.widPresent ? padding(f.wid, false) : "";
  } else if (f.zero && !f.minus && f.widPresent) {
    prec = f.wid;
    if (neg || f.plus || f.space) prec--;
  }
  let s = digits.length < prec ? "0".repeat(prec - digits.length) + digits : digits;
  if (f.sharp) {
    if (base === 2) s = `0b${s}`;
    else if (base === 8 && s[0] !== "0") s = `0${s}`;
    else if (base === 16) s = (verb === "X" ? "0X" : "0x") + s;
  }
  if (verb === "O") s = `0o${s}`;
  if (neg) s = `-${s}`;
  else if (f.plus) s = `+${s}`;
  else if (f.space) s = ` ${s}`;
  return pad(s, false);
}

function unsigned(v: number | bigint): bigint {
  const b = BigInt(v);
  return b < 0n ? b + UINT64 : b;
}

function fmtUnicode(v: number | bigint): string {
  let u = unsigned(v);
  let s = u.toString(16).toUpperCase();
  const prec = f.precPresent && f.prec > 4 ? f.prec : 4;
  if (s.length < prec) s = "0".repeat(prec - s.length) + s;
  s = `U+${s}`;
  if (f.sharp && u <= 0x10ffffn && isGoPrint(Number(u))) {
    u = u >= 0xd800n && u <= 0xdfffn ? 0xfffdn : u;
    s += ` '${String.fromCodePoint(Number(u))}'`;
  }
  return pad(s, false);
}

function runeOf(v: number | bigint): number {
  const u = unsigned(v);
  if (u > 0x10ffffn) return 0xfffd;
  const r = Number(u);
  return r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
}

function fmtInt(v: number | bigint, verb: string): string | undefined {
  const neg = v < 0;
  const abs = typeof v === "number" ? Math.abs(v) : neg ? -v : v;
  switch (verb) {
    case "v":
    case "d":
      return fmtInteger(neg, abs.toString(), 10, verb);
    case "b":
      return fmtInteger(neg, abs.toString(2), 2, verb);
    case "o":
    case "O":
      return fmtInteger(neg, abs.toString(8), 8, verb);
    case "x":
      return fmtInteger(neg, abs.toString(16), 16, verb);
    case "X":
      return fmtInteger(neg, abs.toString(16).toUpperCase(), 16, verb);
    case "c":
      return pad(String.fromCodePoint(runeOf(v)));
    case "q":
      return pad(goQuoteRune(runeOf(v), f.plus));
    case "U":
      return fmtUnicode(v);
    default:
      return undefined;
  }
}

/** `big.Int.Format`: the verbs it knows, and its own message for the others. */
function fmtBig(v: bigint, verb: string): string {
  let base: number;
  switch (verb) {
    case "b":
      base = 2;
      break;
    case "o":
    case "O":
      base = 8;
      break;
    case "d":
    case "s":
    case "v":
      base = 10;
      break;
    case "x":
    case "X":
      base = 16;
      break;
    default:
      return `%!${verb}(big.Int=${v})`;
  }
  const sharp = f.sharp || f.sharpV;
  const plus = f.plus || f.plusV;
  const sign = v < 0n ? "-" : plus ? "+" : f.space ? " " : "";
  let prefix = "";
  if (sharp) {
    if (verb === "b") prefix = "0b";
    else if (verb === "o") prefix = "0";
    else if (verb === "x") prefix = "0x";
    else if (verb === "X") prefix = "0X";
  }
  if (verb === "O") prefix = "0o";
  let digits = (v < 0n ? -v : v).toString(base);
  if (verb === "X") digits = digits.toUpperCase();
  let zeros = 0;
  if (f.precPresent) {
    if (digits.length < f.prec) zeros = f.prec - digits.length;
    else if (digits === "0" && f.prec === 0) return "";
  }
  const length = sign.length + prefix.length + zeros + digits.length;
  let left = 0;
  let right = 0;
  if (f.widPresent && length < f.wid) {
    const d = f.wid - length;
    if (f.minus) right = d;
    else if (f.zero && !f.precPresent) zeros = d;
    else left = d;
  }
  return `${" ".repeat(left)}${sign}${prefix}${"0".repeat(zeros)}${digits}${" ".repeat(right)}`;
}

/** Go's `fmt.fmtFloat` around `strconv` (sign handling, the sharp flag, zero padding). */
function fmtFloat(v: number, verb: string, defaultPrec: number): string {
  const prec = f.precPresent ? f.prec : defaultPrec;
  const num = formatGoFloat(v, verb, prec);
  let sign = "+";
  let body = num;
  if (num[0] === "-" || num[0] === "+") {
    sign = num[0];
    body = num.slice(1);
  }
  if (f.space && sign === "+" && !f.plus) sign = " ";
  if (body[0] === "I" || body[0] === "N") {
    const s = body[0] === "N" && !f.space && !f.plus ? body : sign + body;
    return pad(s, false);
  }
  if (f.sharp && verb !== "b") body = sharpFloat(body, verb, prec);
  if (f.plus || sign !== "+") {
    const s = sign + body;
    if (f.zero && !f.minus && f.widPresent && f.wid > s.length) {
      return sign + "0".repeat(f.wid - s.length) + body;
    }
    return pad(s);
  }
  return pad(body);
}

/** The sharp flag keeps a decimal point and (for %g) trailing zeros. */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === "g" || verb === "G" || verb === "x") digits = prec === -1 ? 6 : prec;
  let body = num;
  let tail = "";
  let hasPoint = false;
  let sawNonzero = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === ".") {
      hasPoint = true;
    } else if (c === "p" || c === "P" || ((c === "e" || c === "E") && verb !== "x" && verb !== "X")) {
      tail = body.slice(i);
      body = body.slice(0, i);
      break;
    } else {
      if (c !== "0") sawNonzero = true;
      if (sawNonzero) digits--;
    }
  }
  if (!hasPoint) {
    if (body === "0") digits--;
    body += ".";
  }
  if (digits > 0) body += "0".repeat(digits);
  return body + tail;
}

function fmtFloatVerb(v: number, verb: string): string | undefined {
  switch (verb) {
    case "v":
      return fmtFloat(v, "g", -1);
    case "b":
    case "g":
    case "G":
    case "x":
    case "X":
      return fmtFloat(v, verb, -1);
    case "f":
    case "e":
    case "E":
      return fmtFloat(v, verb, 6);
    case "F":
      return fmtFloat(v, "f", 6);
    default:
      return undefined;
  }
}

/** Go's `pp.printArg` for the argument kinds OPA produces. */
function printArg(a: GoArg, verb: string): string {
  const kind = kindOf(a);
  if (verb === "T") return pad(truncate(typeString(kind)));
  if (verb === "p") return kind === "big" ? pad("0xc000010000") : badVerb(a, kind, verb);
  let out: string | undefined;
  switch (kind) {
    case "string":
      out = fmtString(a as string, verb);
      break;
    case "int":
      out = fmtInt(a as number | bigint, verb);
      break;
    case "float64":
      out = fmtFloatVerb(a as number, verb);
      break;
    case "big":
      return fmtBig(a as bigint, verb);
  }
  return out ?? badVerb(a, kind, verb);
}

function badVerb(a: GoArg, kind: GoKind, verb: string): string {
  return `%!${verb}(${typeString(kind)}=${printArg(a, "v")})`;
}

/** An index like `[3]` in a directive: whether it parsed, and the 0-based argument. */
interface ArgIndex {
  readonly ok: boolean;
  readonly index: number;
  readonly length: number;
}

function parseArgNumber(format: string, i: number): ArgIndex {
  if (format.length - i < 3) return { ok: false, index: 0, length: 1 };
  for (let j = i + 1; j < format.length; j++) {
    if (format[j] === "]") {
      const { num, isNum, next } = parseNum(format, i + 1, j);
      if (!isNum || next !== j) return { ok: false, index: 0, length: j - i + 1 };
      return { ok: true, index: num - 1, length: j - i + 1 };
    }
  }
  return { ok: false, index: 0, length: 1 };
}

function parseNum(s: string, start: number, end: number): { num: number; isNum: boolean; next: number } {
  if (start >= end) return { num: 0, isNum: false, next: end };
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (num > 1e6) return { num: 0, isNum: false, next: end };
    num = num * 10 + (c - 48);
    isNum = true;
  }
  return { num, isNum, next: i };
}

/** One directive, with every argument position resolved for a given argument count. */
interface Directive {
  readonly sharp: boolean;
  readonly zero: boolean;
  readonly plus: boolean;
  readonly minus: boolean;
  readonly space: boolean;
  /** Argument giving the width (`*`), -1 when absent (then BADWIDTH), undefined when not a star. */
  readonly widthArg: number | undefined;
  readonly width: number | undefined;
  readonly precArg: number | undefined;
  readonly prec: number | undefined;
  readonly verb: string;
  /** Argument to print; -1 when missing. */
  readonly arg: number;
  readonly goodArgNum: boolean;
  /** `%v` or `%s` with no flags, width or precision: a string argument prints as itself. */
  readonly plain: boolean;
}

type Piece = string | Directive;

interface Program {
  readonly pieces: readonly Piece[];
  /** Arguments left over (EXTRA) start here; -1 when reordered (no EXTRA check). */
  readonly extraFrom: number;
}

/** Parses a format for `n` arguments, as Go's `doPrintf` walks it. */
function compile(format: string, n: number): Program {
  const pieces: Piece[] = [];
  const end = format.length;
  let argNum = 0;
  let reordered = false;
  let i = 0;
  let lit = "";
  let good = true;
  const argNumber = (): boolean => {
    if (i >= end || format[i] !== "[") return false;
    reordered = true;
    const r = parseArgNumber(format, i);
    i += r.length;
    if (r.ok && r.index >= 0 && r.index < n) {
      argNum = r.index;
      return true;
    }
    good = false;
    return r.ok;
  };
  while (i < end) {
    good = true;
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      lit += format.slice(i);
      break;
    }
    lit += format.slice(i, pct);
    i = pct + 1;
    let sharp = false;
    let zero = false;
    let plus = false;
    let minus = false;
    let space = false;
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case "#":
          sharp = true;
          break;
        case "0":
          zero = true;
          break;
        case "+":
          plus = true;
          break;
        case "-":
          minus = true;
          break;
        case " ":
          space = true;
          break;
        default:
          break flags;
      }
    }
    let afterIndex = argNumber();
    let widthArg: number | undefined;
    let width: number | undefined;
    if (i < end && format[i] === "*") {
      i++;
      widthArg = argNum < n ? argNum++ : -1;
      afterIndex = false;
    } else {
      const r = parseNum(format, i, end);
      i = r.next;
      if (r.isNum) {
        width = r.num;
        if (afterIndex) good = false;
      }
    }
    let precArg: number | undefined;
    let prec: number | undefined;
    if (i + 1 < end && format[i] === ".") {
      i++;
      if (afterIndex) good = false;
      afterIndex = argNumber();
      if (i < end && format[i] === "*") {
        i++;
        precArg = argNum < n ? argNum++ : -1;
        afterIndex = false;
      } else {
        const r = parseNum(format, i, end);
        i = r.next;
        prec = r.isNum ? r.num : 0;
      }
    }
    if (!afterIndex) afterIndex = argNumber();
    if (i >= end) {
      pieces.push(lit, {
        sharp,
        zero,
        plus,
        minus,
        space,
        widthArg,
        width,
        precArg,
        prec,
        verb: "",
        arg: -1,
        goodArgNum: good,
        plain: false,
      });
      lit = "";
      break;
    }
    const cp = format.codePointAt(i) ?? 0;
    const verb = String.fromCodePoint(cp);
    i += verb.length;
    let arg = -1;
    if (verb !== "%" && good && argNum < n) arg = argNum++;
    pieces.push(lit, {
      sharp,
      zero,
      plus,
      minus,
      space,
      widthArg,
      width,
      precArg,
      prec,
      verb,
      arg,
      goodArgNum: good,
      plain:
        (verb === "v" || verb === "s") &&
        good &&
        arg >= 0 &&
        !sharp &&
        !zero &&
        !plus &&
        !minus &&
        !space &&
        widthArg === undefined &&
        width === undefined &&
        precArg === undefined &&
        prec === undefined,
    });
    lit = "";
  }
  if (lit !== "") pieces.push(lit);
  return { pieces: pieces.filter((p) => p !== ""), extraFrom: reordered ? -1 : argNum };
}

/** Go's `intFromArg`: only Go ints count, and only up to a million. */
function intArg(a: GoArg | undefined): number | undefined {
  if (a === undefined || kindOf(a) !== "int") return undefined;
  const v = Number(a);
  return v > 1e6 || v < -1e6 ? undefined : v;
}

function run(d: Directive, args: readonly GoArg[]): string {
  clearFlags();
  f.sharp = d.sharp;
  f.zero = d.zero;
  f.plus = d.plus;
  f.minus = d.minus;
  f.space = d.space;
  let out = "";
  if (d.widthArg !== undefined) {
    const w = intArg(d.widthArg >= 0 ? args[d.widthArg] : undefined);
    f.widPresent = w !== undefined;
    f.wid = w ?? 0;
    if (!f.widPresent) out += "%!(BADWIDTH)";
    if (f.wid < 0) {
      f.wid = -f.wid;
      f.minus = true;
      f.zero = false;
    }
  } else if (d.width !== undefined) {
    f.wid = d.width;
    f.widPresent = true;
  }
  if (d.precArg !== undefined) {
    const p = intArg(d.precArg >= 0 ? args[d.precArg] : undefined);
    f.prec = p ?? 0;
    f.precPresent = p !== undefined;
    if (f.prec < 0) {
      f.prec = 0;
      f.precPresent = false;
    }
    if (!f.precPresent) out += "%!(BADPREC)";
  } else if (d.prec !== undefined) {
    f.prec = d.prec;
    f.precPresent = true;
  }
  if (d.verb === "") return `${out}%!(NOVERB)`;
  if (d.verb === "%") return `${out}%`;
  if (!d.goodArgNum) return `${out}%!${d.verb}(BADINDEX)`;
  const a = args[d.arg];
  if (d.arg < 0 || a === undefined) return `${out}%!${d.verb}(MISSING)`;
  if (d.verb === "v") {
    f.sharpV = f.sharp;
    f.sharp = false;
    f.plusV = f.plus;
    f.plus = false;
  }
  return out + printArg(a, d.verb);
}

const CACHE_LIMIT = 512;
const cache = new Map<string, (Program | undefined)[]>();

function programFor(format: string, n: number): Program {
  let byCount = cache.get(format);
  if (byCount === undefined) {
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    byCount = [];
    cache.set(format, byCount);
  }
  let prog = byCount[n];
  if (prog === undefined) {
    prog = compile(format, n);
    if (n < 16) byCount[n] = prog;
  }
  return prog;
}

/** `fmt.Sprintf(format, args...)` with OPA's conversion of Rego values to Go values. */
export function goSprintf(format: string, values: readonly Value[]): string {
  if (values.length === 1) {
    const only = values[0];
    if (typeof only === "string" && (format === "%s" || format === "%v")) return only;
    if (typeof only === "number" && format === "%d" && Number.isSafeInteger(only))
      return only === 0 ? "0" : String(only);
  }
  let args: GoArg[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as Value;
    const t = typeof v;
    const plain = t === "string" || t === "number" || (t === "bigint" && Number.isFinite(Number(v)));
    if (args === undefined && !plain) args = values.slice(0, i) as GoArg[];
    if (args !== undefined) args.push(toGoArg(v));
  }
  const goArgs = args ?? (values as readonly GoArg[]);
  const prog = programFor(format, goArgs.length);
  let out = "";
  for (const p of prog.pieces) {
    if (typeof p === "string") out += p;
    else {
      const a = p.plain ? goArgs[p.arg] : undefined;
      out += typeof a === "string" ? a : run(p, goArgs);
    }
  }
  if (prog.extraFrom >= 0 && prog.extraFrom < goArgs.length) {
    clearFlags();
    out += "%!(EXTRA ";
    for (let i = prog.extraFrom; i < goArgs.length; i++) {
      const a = goArgs[i] as GoArg;
      if (i > prog.extraFrom) out += ", ";
      out += `${typeString(kindOf(a))}=${printArg(a, "v")}`;
    }
    out += ")";
  }
  return out;
}
