import { BuiltinError } from "../errors.js";
import { daysBefore, daysIn, isLeap, wallSeconds } from "./civil.js";
import { nextStdChunk } from "./go-layout-chunks.js";
import { goTimeQuote } from "./go-time-quote.js";

/**
 * Go's `time.Parse` (default location UTC) over Latin-1 strings of UTF-8 bytes. The result is
 * the instant as whole seconds since the epoch plus nanoseconds; errors carry Go's messages.
 */

/** A parsed instant. */
export interface ParsedTime {
  readonly sec: number;
  readonly nsec: number;
}

export const SHORT_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
export const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const SHORT_MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
export const LONG_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

class Bad extends Error {}

function isDigit(s: string, i: number): boolean {
  const c = s[i];
  return c !== undefined && c >= "0" && c <= "9";
}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigit(s, 0)) throw new Bad();
  if (!isDigit(s, 1)) {
    if (fixed) throw new Bad();
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + s.charCodeAt(1) - 48, s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigit(s, i); i++) n = n * 10 + s.charCodeAt(i) - 48;
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [n, s.slice(i)];
}

function atoi(s: string): number {
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "" || !/^[0-9]+$/.test(s)) throw new Bad();
  const x = Number(s);
  return neg ? -x : x;
}

function lookup(tab: readonly string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i] as string;
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase()) {
      return [i, val.slice(v.length)];
    }
  }
  throw new Bad();
}

function cutspace(s: string): string {
  let i = 0;
  while (s[i] === " ") i++;
  return s.slice(i);
}

/** Go's `skip`: matches the layout's literal text, runs of spaces matching runs of spaces. */
function skip(value: string, prefix: string): [string, boolean] {
  while (prefix.length > 0) {
    if (prefix[0] === " ") {
      if (value.length > 0 && value[0] !== " ") return [value, false];
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return [value, false];
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return [value, true];
}

function isCommaOrPeriod(c: string | undefined): boolean {
  return c === "." || c === ",";
}

/** Returns [nanoseconds, rangeError]. */
function parseNanoseconds(value: string, nbytes: number): [number, string] {
  if (!isCommaOrPeriod(value[0])) throw new Bad();
  if (nbytes > 10) {
    value = value.slice(0, 10);
    nbytes = 10;
  }
  const ns = atoi(value.slice(1, nbytes));
  if (ns < 0) return [0, "fractional second"];
  return [ns * 10 ** (10 - nbytes), ""];
}

function leadingInt(s: string): [number, string] {
  let i = 0;
  let x = 0;
  for (; isDigit(s, i); i++) {
    x = x * 10 + s.charCodeAt(i) - 48;
    if (x > 2 ** 63) throw new Bad();
  }
  return [x, s.slice(i)];
}

function parseSignedOffset(value: string): number {
  const sign = value[0];
  if (sign !== "-" && sign !== "+") return 0;
  let x: number;
  let rem: string;
  try {
    [x, rem] = leadingInt(value.slice(1));
  } catch (e: unknown) {
    if (e instanceof Bad) return 0;
    throw e;
  }
  if (value.slice(1) === rem || x > 12) return 0;
  return value.length - rem.length;
}

/** Go's `parseTimeZone`: length of a zone abbreviation at the start of `value`, or 0. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT")) return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === "+" || value[0] === "-") return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && (value[n] as string) >= "A" && (value[n] as string) <= "Z") n++;
  switch (n) {
    case 3:
      return 3;
    case 4:
      return value[3] === "T" || value.startsWith("WITA") ? 4 : 0;
    case 5:
      return value[4] === "T" ? 5 : 0;
    default:
      return 0;
  }
}

function parseError(
  layout: string,
  value: string,
  layoutElem: string,
  valueElem: string,
  message: string,
): BuiltinError {
  if (message !== "") return new BuiltinError(`parsing time ${goTimeQuote(value)}${message}`);
  return new BuiltinError(
    `parsing time ${goTimeQuote(value)} as ${goTimeQuote(layout)}: cannot parse ${goTimeQuote(valueElem)} as ${goTimeQuote(layoutElem)}`,
  );
}

interface Fields {
  year: number;
  month: number;
  day: number;
  yday: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  pm: boolean;
  am: boolean;
  utc: boolean;
  zoneOffset: number | undefined;
  zoneName: string;
}

/** Parses one layout element from `value` into `f`; returns the rest of the value and a range error. */
function parseElem(
  kind: string,
  std: ReturnType<typeof nextStdChunk>["std"],
  value: string,
  layoutRest: string,
  f: Fields,
): [string, string] {
  let rangeErr = "";
  switch (kind) {
    case "06": {
      if (value.length < 2) throw new Bad();
      f.year = atoi(value.slice(0, 2));
      f.year += f.year >= 69 ? 1900 : 2000;
      return [value.slice(2), ""];
    }
    case "2006":
      if (value.length < 4 || !isDigit(value, 0)) throw new Bad();
      f.year = atoi(value.slice(0, 4));
      return [value.slice(4), ""];
    case "Jan":
    case "January": {
      const [m, rest] = lookup(kind === "Jan" ? SHORT_MONTHS : LONG_MONTHS, value);
      f.month = m + 1;
      return [rest, ""];
    }
    case "1":
    case "01": {
      const [m, rest] = getnum(value, kind === "01");
      f.month = m;
      return [rest, m <= 0 || m > 12 ? "month" : ""];
    }
    case "Mon":
    case "Monday":
      return [lookup(kind === "Mon" ? SHORT_DAYS : LONG_DAYS, value)[1], ""];
    case "2":
    case "_2":
    case "02": {
      if (kind === "_2" && value[0] === " ") value = value.slice(1);
      const [d, rest] = getnum(value, kind === "02");
      f.day = d;
      return [rest, ""];
    }
    case "__2":
    case "002": {
      for (let i = 0; i < 2; i++) if (kind === "__2" && value[0] === " ") value = value.slice(1);
      const [d, rest] = getnum3(value, kind === "002");
      f.yday = d;
      return [rest, ""];
    }
    case "15": {
      const [h, rest] = getnum(value, false);
      f.hour = h;
      return [rest, h < 0 || h >= 24 ? "hour" : ""];
    }
    case "3":
    case "03": {
      const [h, rest] = getnum(value, kind === "03");
      f.hour = h;
      return [rest, h < 0 || h > 12 ? "hour" : ""];
    }
    case "4":
    case "04": {
      const [m, rest] = getnum(value, kind === "04");
      f.min = m;
      return [rest, m < 0 || m >= 60 ? "minute" : ""];
    }
    case "5":
    case "05": {
      const [s, afterSec] = getnum(value, kind === "05");
      let rest = afterSec;
      f.sec = s;
      if (s < 0 || s >= 60) return [rest, "second"];
      if (rest.length >= 2 && isCommaOrPeriod(rest[0]) && isDigit(rest, 1)) {
        const next = nextStdChunk(layoutRest).std;
        if (next?.kind === "frac0" || next?.kind === "frac9") return [rest, ""];
        let n = 2;
        while (n < rest.length && isDigit(rest, n)) n++;
        [f.nsec, rangeErr] = parseNanoseconds(rest, n);
        rest = rest.slice(n);
      }
      return [rest, rangeErr];
    }
    case "PM":
    case "pm": {
      if (value.length < 2) throw new Bad();
      const p = value.slice(0, 2);
      if (p === (kind === "PM" ? "PM" : "pm")) f.pm = true;
      else if (p === (kind === "PM" ? "AM" : "am")) f.am = true;
      else throw new Bad();
      return [value.slice(2), ""];
    }
    case "MST": {
      if (value.startsWith("UTC")) {
        f.utc = true;
        return [value.slice(3), ""];
      }
      const n = parseTimeZone(value);
      if (n === 0) throw new Bad();
      f.zoneName = value.slice(0, n);
      return [value.slice(n), ""];
    }
    case "frac0": {
      const ndigit = 1 + (std && "digits" in std ? std.digits : 0);
      if (value.length < ndigit) throw new Bad();
      [f.nsec, rangeErr] = parseNanoseconds(value, ndigit);
      return [value.slice(ndigit), rangeErr];
    }
    case "frac9": {
      if (value.length < 2 || !isCommaOrPeriod(value[0]) || !isDigit(value, 1)) return [value, ""];
      let i = 0;
      while (i + 1 < value.length && isDigit(value, i + 1)) i++;
      [f.nsec, rangeErr] = parseNanoseconds(value, 1 + i);
      return [value.slice(1 + i), rangeErr];
    }
  }
  return parseZoneOffset(kind, value, f);
}

function parseZoneOffset(kind: string, value: string, f: Fields): [string, string] {
  if (kind.startsWith("Z") && value[0] === "Z") {
    f.utc = true;
    return [value.slice(1), ""];
  }
  const shape = kind.slice(1);
  let sign: string;
  let hh: string;
  let mm = "00";
  let ss = "00";
  if (shape === "07:00") {
    if (value.length < 6 || value[3] !== ":") throw new Bad();
    [sign, hh, mm, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), value.slice(6)];
  } else if (shape === "07") {
    if (value.length < 3) throw new Bad();
    [sign, hh, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(3)];
  } else if (shape === "07:00:00") {
    if (value.length < 9 || value[3] !== ":" || value[6] !== ":") throw new Bad();
    [sign, hh, mm, ss, value] = [
      value.slice(0, 1),
      value.slice(1, 3),
      value.slice(4, 6),
      value.slice(7, 9),
      value.slice(9),
    ];
  } else if (shape === "070000") {
    if (value.length < 7) throw new Bad();
    [sign, hh, mm, ss, value] = [
      value.slice(0, 1),
      value.slice(1, 3),
      value.slice(3, 5),
      value.slice(5, 7),
      value.slice(7),
    ];
  } else {
    if (value.length < 5) throw new Bad();
    [sign, hh, mm, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), value.slice(5)];
  }
  const hr = getnum(hh, true)[0];
  const mi = getnum(mm, true)[0];
  const se = getnum(ss, true)[0];
  let rangeErr = "";
  if (hr > 24) rangeErr = "time zone offset hour";
  if (mi > 60) rangeErr = "time zone offset minute";
  if (se > 60) rangeErr = "time zone offset second";
  let offset = (hr * 60 + mi) * 60 + se;
  if (sign === "-") offset = -offset;
  else if (sign !== "+") throw new Bad();
  f.zoneOffset = offset;
  return [value, rangeErr];
}

/** Go's `time.Parse(layout, value)` with UTC as the default location. */
export function goParseTime(layout: string, value: string): ParsedTime {
  const alayout = layout;
  const avalue = value;
  const f: Fields = {
    year: 0,
    month: -1,
    day: -1,
    yday: -1,
    hour: 0,
    min: 0,
    sec: 0,
    nsec: 0,
    pm: false,
    am: false,
    utc: false,
    zoneOffset: undefined,
    zoneName: "",
  };
  for (;;) {
    const { prefix, std, suffix } = nextStdChunk(layout);
    const stdstr = layout.slice(prefix.length, layout.length - suffix.length);
    const [afterPrefix, ok] = skip(value, prefix);
    value = afterPrefix;
    if (!ok) throw parseError(alayout, avalue, prefix, value, "");
    if (std === undefined) {
      if (value.length !== 0)
        throw parseError(alayout, avalue, "", value, `: extra text: ${goTimeQuote(value)}`);
      break;
    }
    layout = suffix;
    const hold = value;
    let rangeErr: string;
    try {
      [value, rangeErr] = parseElem(std.kind, std, value, layout, f);
    } catch (e: unknown) {
      if (e instanceof Bad) throw parseError(alayout, avalue, stdstr, hold, "");
      throw e;
    }
    if (rangeErr !== "") throw parseError(alayout, avalue, stdstr, value, `: ${rangeErr} out of range`);
  }
  return finish(f, alayout, avalue, value);
}

function finish(f: Fields, alayout: string, avalue: string, value: string): ParsedTime {
  if (f.pm && f.hour < 12) f.hour += 12;
  else if (f.am && f.hour === 12) f.hour = 0;
  if (f.yday >= 0) {
    let yday = f.yday;
    let m = 0;
    let d = 0;
    if (isLeap(f.year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) throw parseError(alayout, avalue, "", value, ": day-of-year out of range");
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (daysBefore(m + 1) < yday) m++;
      d = yday - daysBefore(m);
    }
    if (f.month >= 0 && f.month !== m)
      throw parseError(alayout, avalue, "", value, ": day-of-year does not match month");
    f.month = m;
    if (f.day >= 0 && f.day !== d)
      throw parseError(alayout, avalue, "", value, ": day-of-year does not match day");
    f.day = d;
  } else {
    if (f.month < 0) f.month = 1;
    if (f.day < 0) f.day = 1;
  }
  if (f.day < 1 || f.day > daysIn(f.month, f.year))
    throw parseError(alayout, avalue, "", value, ": day out of range");
  let sec = wallSeconds(f.year, f.month, f.day, f.hour, f.min, f.sec);
  if (!f.utc) {
    if (f.zoneOffset !== undefined) sec -= f.zoneOffset;
    else if (f.zoneName.length > 3 && f.zoneName.startsWith("GMT")) sec -= atoi(f.zoneName.slice(3)) * 3600;
  }
  return { sec, nsec: f.nsec };
}
