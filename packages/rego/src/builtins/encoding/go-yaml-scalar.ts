/** How go-yaml v2 picks a style for a string scalar, and how Go prints floats with `%g`. */

/** Output styles of a YAML scalar. */
export type ScalarStyle = "plain" | "single" | "double" | "literal";

const NON_STRINGS = new Set(
  (
    "y Y yes Yes YES on On ON n N no No NO off Off OFF true True TRUE false False FALSE ~ null Null NULL " +
    ".nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<"
  ).split(" "),
);

const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** go-yaml's timestamp layouts (`2006-1-2T15:4:5.999999999Z07:00`, with `t` or a space, or a date alone). */
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/;

/** True when Go's `time.Parse` accepts `s` in one of go-yaml's timestamp layouts. */
function isGoYamlTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  const hour = Number(m[4] ?? m[7] ?? 0);
  const minute = Number(m[5] ?? m[8] ?? 0);
  const second = Number(m[6] ?? m[9] ?? 0);
  return hour < 24 && minute < 60 && second < 60;
}

/** True when go-yaml would read the unquoted text as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (s === "" || NON_STRINGS.has(s)) return true;
  const c = s[0] as string;
  if (!"+-.0123456789".includes(c)) return false;
  if (isGoYamlTimestamp(s)) return true;
  const plain = s.replaceAll("_", "");
  if (GO_INT.test(plain) || BASE60.test(s)) return true;
  // go-yaml reads a float out of range (1e400) as a string.
  return YAML_FLOAT.test(plain) && Number.isFinite(Number(plain));
}

/** libyaml's `IS_PRINTABLE` for a code point. */
export function isYamlPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const FIRST_INDICATORS = "#,[]{}&*!|>'\"%@`";
const BREAKS = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029]);

function isBlankZ(ch: string | undefined): boolean {
  return ch === undefined || ch === " " || ch === "\t" || BREAKS.has(ch.codePointAt(0) ?? 0);
}

interface Analysis {
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
  multiline: boolean;
}

/** libyaml's `yaml_emitter_analyze_scalar`, for block context (flow indicators do not matter there). */
function analyze(s: string): Analysis {
  const cps = [...s];
  let blockInd = s.startsWith("---") || s.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  let precededByWs = true;
  let followedByWs = isBlankZ(cps[1]);
  cps.forEach((ch, i) => {
    const cp = ch.codePointAt(0) ?? 0;
    const first = i === 0;
    const last = i === cps.length - 1;
    if (first) {
      if (FIRST_INDICATORS.includes(ch) || ((ch === "?" || ch === ":" || ch === "-") && followedByWs))
        blockInd = true;
    } else if ((ch === ":" && followedByWs) || (ch === "#" && precededByWs)) blockInd = true;
    if (!isYamlPrintable(cp)) special = true;
    const isBreak = BREAKS.has(cp);
    if (isBreak) lineBreaks = true;
    if (ch === " ") {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak) {
      if (first) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankZ(ch);
    followedByWs = isBlankZ(cps[i + 2]);
  });
  const a: Analysis = { blockPlain: true, singleQuoted: true, block: true, multiline: lineBreaks };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || special) {
    a.blockPlain = false;
    a.singleQuoted = false;
    a.block = false;
  }
  if (lineBreaks) a.blockPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

/** The style go-yaml v2 ends up writing `s` in (`isKey`: a simple mapping key). */
export function chooseStyle(s: string, isKey: boolean): ScalarStyle {
  const a = analyze(s);
  let style: ScalarStyle;
  if (s.includes("\n")) style = "literal";
  else if (!resolvesToNonString(s)) style = "plain";
  else style = "double";
  if (style === "plain" && (!a.blockPlain || (s === "" && isKey))) style = "single";
  if (style === "single" && !a.singleQuoted) style = "double";
  if (style === "literal" && (!a.block || isKey)) style = "double";
  return style;
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 64)`, with go-yaml's names for infinities and NaN. */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return ".nan";
  if (!Number.isFinite(f)) return f > 0 ? "+.inf" : "-.inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mant = "0", expText = "0"] = f.toExponential().split("e");
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  const sign = neg ? "-" : "";
  if (exp >= -4 && exp < 6) return sign + fixed(digits, exp);
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, "0");
  return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
}

function fixed(digits: string, exp: number): string {
  if (exp < 0) return `0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return digits + "0".repeat(exp + 1 - digits.length);
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
