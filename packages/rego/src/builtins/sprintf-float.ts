/**
 * Go's `strconv.FormatFloat` for float64, as `fmt` uses it: formats 'e', 'E', 'f', 'g', 'G',
 * 'b', 'x' and 'X', with a precision or (-1) the shortest text that reads back exactly.
 * Rounding with a precision is exact and ties go to even, as Go does.
 */

/** Decimal digits (no leading or trailing zeros) with the point after `dp` of them. */
interface Decimal {
  d: string;
  dp: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The mantissa and binary exponent of a finite float: |v| = mant · 2^exp. */
function decompose(v: number): { mant: bigint; exp: number } {
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  return { mant, exp };
}

function trimZeros(d: string, dp: number): Decimal {
  let end = d.length;
  while (end > 0 && d.charCodeAt(end - 1) === 48) end--;
  let start = 0;
  while (start < end && d.charCodeAt(start) === 48) start++;
  if (start === end) return { d: "", dp: 0 };
  return { d: d.slice(start, end), dp: dp - start };
}

/** The exact decimal expansion of |v|. */
function exactDecimal(v: number): Decimal {
  const { mant, exp } = decompose(v);
  if (mant === 0n) return { d: "", dp: 0 };
  if (exp >= 0) {
    const s = (mant << BigInt(exp)).toString();
    return trimZeros(s, s.length);
  }
  const s = (mant * 5n ** BigInt(-exp)).toString();
  return trimZeros(s, s.length + exp);
}

/** The shortest digits that read back as |v| (JS and Go agree on these). */
function shortestDecimal(v: number): Decimal {
  if (v === 0) return { d: "", dp: 0 };
  const text = Math.abs(v).toExponential();
  const e = text.indexOf("e");
  const digits = text.slice(0, e).replace(".", "");
  return trimZeros(digits, Number(text.slice(e + 1)) + 1);
}

/** Rounds to `nd` digits, half to even on the exact value. */
function roundDecimal(x: Decimal, nd: number): Decimal {
  if (nd < 0) return { d: "", dp: 0 };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd);
  let up = next > 53;
  if (next === 53) {
    up = nd + 1 < x.d.length || (nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1);
  }
  if (!up) return trimZeros(x.d.slice(0, nd), x.dp);
  let i = nd - 1;
  while (i >= 0 && x.d.charCodeAt(i) === 57) i--;
  if (i < 0) return { d: "1", dp: x.dp + 1 };
  return trimZeros(x.d.slice(0, i) + String.fromCharCode(x.d.charCodeAt(i) + 1), x.dp);
}

function digitAt(x: Decimal, i: number): string {
  return i >= 0 && i < x.d.length ? (x.d[i] as string) : "0";
}

function fmtE(neg: boolean, x: Decimal, prec: number, verb: string): string {
  let s = neg ? "-" : "";
  s += x.d.length === 0 ? "0" : digitAt(x, 0);
  if (prec > 0) {
    s += ".";
    for (let i = 1; i <= prec; i++) s += digitAt(x, i);
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  const sign = exp < 0 ? "-" : "+";
  if (exp < 0) exp = -exp;
  return `${s}${verb}${sign}${exp < 10 ? "0" : ""}${exp}`;
}

function fmtF(neg: boolean, x: Decimal, prec: number): string {
  let s = neg ? "-" : "";
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) s += digitAt(x, i);
  } else s += "0";
  if (prec > 0) {
    s += ".";
    for (let i = 0; i < prec; i++) s += digitAt(x, x.dp + i);
  }
  return s;
}

function fmtB(neg: boolean, v: number): string {
  const { mant, exp } = decompose(v);
  return `${neg ? "-" : ""}${mant}p${exp >= 0 ? "+" : ""}${exp}`;
}

function fmtX(neg: boolean, v: number, prec: number, verb: string): string {
  let { mant, exp } = decompose(v);
  if (mant === 0n) exp = 0;
  else exp += 52;
  const top = 1n << 60n;
  mant <<= 8n;
  while (mant !== 0n && (mant & top) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (top - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const upper = verb === "X";
  const hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  let s = `${neg ? "-" : ""}0${verb}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    s += ".";
    while (mant !== 0n) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    s += ".";
    for (let i = 0; i < prec; i++) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  const sign = exp < 0 ? "-" : "+";
  const e = Math.abs(exp);
  return `${s}${upper ? "P" : "p"}${sign}${e < 10 ? "0" : ""}${e}`;
}

/** `strconv.FormatFloat(v, verb, prec, 64)`. */
export function formatGoFloat(v: number, verb: string, prec: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  const neg = v < 0 || Object.is(v, -0);
  if (verb === "b") return fmtB(neg, v);
  if (verb === "x" || verb === "X") return fmtX(neg, v, prec, verb);
  const shortest = prec < 0;
  let x: Decimal;
  if (shortest) {
    x = shortestDecimal(v);
  } else {
    const exact = exactDecimal(v);
    switch (verb) {
      case "e":
      case "E":
        x = roundDecimal(exact, prec + 1);
        break;
      case "f":
        x = roundDecimal(exact, exact.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        x = roundDecimal(exact, prec);
    }
  }
  switch (verb) {
    case "e":
    case "E":
      return fmtE(neg, x, shortest ? Math.max(x.d.length - 1, 0) : prec, verb);
    case "f":
      return fmtF(neg, x, shortest ? Math.max(x.d.length - x.dp, 0) : prec);
    default: {
      const nd = x.d.length;
      let eprec = prec;
      if (shortest) eprec = 6;
      else if (eprec > nd && nd >= x.dp) eprec = nd;
      const exp = x.dp - 1;
      let p = shortest ? nd : prec;
      if (nd !== 0 && (exp < -4 || exp >= eprec)) {
        if (p > nd) p = nd;
        return fmtE(neg, x, Math.max(p - 1, 0), verb === "G" ? "E" : "e");
      }
      if (p > x.dp) p = nd;
      return fmtF(neg, x, Math.max(p - x.dp, 0));
    }
  }
}
