import { normalizeBigInt } from "../value/number.js";
import { isArray, isNumber, typeName, type Value } from "../value/value.js";
import { argNumber, argString } from "./args.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import type { BuiltinDef } from "./registry.js";
import { daysIn, wallSeconds } from "./time/civil.js";
import { parseOpaDuration } from "./time/go-duration.js";
import { NAMED_LAYOUTS, RFC3339, RFC3339_NANO } from "./time/go-layout-chunks.js";
import { civilOf, goFormatTime, type ZonedTime } from "./time/go-time-format.js";
import { goParseTime, LONG_DAYS } from "./time/go-time-parse.js";
import { fromByteString, toByteString } from "./time/go-time-quote.js";
import { loadZone, UTC, type Zone } from "./time/time-zones.js";
import { decl, p, T } from "./types.js";

/**
 * OPA's time builtins with Go's `time` semantics: nanoseconds since the epoch as exact integers,
 * Go layouts, IANA zones through `Intl` ("Local" is UTC), and OPA's int64 range checks.
 */

const N = T.number;
const S = T.string;
const NS_PER_SEC = 1000000000n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TIME_ARG = T.anyOf(N, T.arrayOf(T.anyOf(N, S)));
const TZ_EXPECTED = "either number (ns) or [number (ns), string (tz)]";

/** The time, zone and layout of a `number` or `[number, tz, layout?]` operand (OPA's `tzTime`). */
function tzTime(v: Value): { t: ZonedTime; layout: string } {
  let n: Value;
  let zone: Zone = UTC;
  let layout = "";
  if (isArray(v)) {
    if (v.length === 0) throw OperandTypeError.mustBe(1, "array", TZ_EXPECTED);
    n = v[0] ?? null;
    if (!isNumber(n)) throw OperandTypeError.mustBe(1, typeName(n), "number");
    if (v.length > 1) zone = loadZone(stringElem(v[1] ?? null));
    if (v.length > 2) layout = stringElem(v[2] ?? null);
  } else if (isNumber(v)) n = v;
  else throw OperandTypeError.mustBe(1, typeName(v), TZ_EXPECTED);
  const ns = exactInt64(n);
  if (ns === undefined) throw new BuiltinError("timestamp too big");
  const sec = ns / NS_PER_SEC - (ns % NS_PER_SEC < 0n ? 1n : 0n);
  return { t: { sec: Number(sec), nsec: Number(ns - sec * NS_PER_SEC), zone }, layout };
}

function stringElem(v: Value): string {
  if (typeof v !== "string") throw OperandTypeError.mustBe(1, typeName(v), "string");
  return v;
}

function exactInt64(n: number | bigint): bigint | undefined {
  if (typeof n === "number" && !Number.isInteger(n)) return undefined;
  const b = BigInt(n);
  return b >= INT64_MIN && b <= INT64_MAX ? b : undefined;
}

/** OPA's `toSafeUnixNano`: nanoseconds, or `time outside of valid range`. */
function safeUnixNano(sec: number, nsec: number): number | bigint {
  if (!Number.isFinite(sec)) throw new BuiltinError("time outside of valid range");
  const ns = BigInt(sec) * NS_PER_SEC + BigInt(nsec);
  if (ns < INT64_MIN || ns > INT64_MAX) throw new BuiltinError("time outside of valid range");
  return normalizeBigInt(ns);
}

/** OPA's `IntOperand`: an integer that fits Go's int. */
function intOperand(args: readonly Value[], i: number): number {
  const n = argNumber(args, i);
  const b = exactInt64(n);
  if (b === undefined)
    throw new OperandTypeError(i + 1, "must be integer number but got floating-point number");
  return Number(b);
}

function layoutFor(name: string): string {
  return Object.hasOwn(NAMED_LAYOUTS, name) ? (NAMED_LAYOUTS[name] as string) : name;
}

function parseNs(layout: string, value: string): number | bigint {
  const t = goParseTime(toByteString(layout), toByteString(value));
  return safeUnixNano(t.sec, t.nsec);
}

/** Go's `time.Date` in a zone: the wall time's UTC offset looked up the way Go does it. */
function dateIn(zone: Zone, wall: number): number {
  const offset = zone.offsetAt(wall);
  if (offset === 0) return wall;
  const utc = wall - offset;
  const actual = zone.offsetAt(utc);
  return wall - (actual === offset ? offset : actual);
}

function addDate(args: readonly Value[]): number | bigint {
  const { t } = tzTime(args[0] ?? null);
  const years = intOperand(args, 1);
  const months = intOperand(args, 2);
  const days = intOperand(args, 3);
  const c = civilOf(t);
  const wall = wallSeconds(c.year + years, c.month + months, c.day + days, c.hour, c.minute, c.second);
  return safeUnixNano(dateIn(t.zone, wall), t.nsec);
}

function before(a: ZonedTime, b: ZonedTime): boolean {
  return a.sec < b.sec || (a.sec === b.sec && a.nsec < b.nsec);
}

function diff(args: readonly Value[]): Value {
  let t1 = tzTime(args[0] ?? null).t;
  let t2 = tzTime(args[1] ?? null).t;
  if (t1.zone.name !== t2.zone.name) t2 = { ...t2, zone: t1.zone };
  if (before(t2, t1)) [t1, t2] = [t2, t1];
  const a = civilOf(t1);
  const b = civilOf(t2);
  let year = b.year - a.year;
  let month = b.month - a.month;
  let day = b.day - a.day;
  let hour = b.hour - a.hour;
  let min = b.minute - a.minute;
  let sec = b.second - a.second;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += daysIn(a.month, a.year);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, min, sec];
}

/** The time family. */
export const timeBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("time.now_ns", [], p("now", N), { nondeterministic: true }),
    impl: (_args, ctx) => normalizeBigInt(ctx.nowNs()),
  },
  {
    decl: decl("time.parse_ns", [p("layout", S), p("value", S)], p("ns", N)),
    impl: (args) => {
      const layout = argString(args, 0);
      return parseNs(layoutFor(layout), argString(args, 1));
    },
  },
  {
    decl: decl("time.parse_rfc3339_ns", [p("value", S)], p("ns", N)),
    impl: (args) => parseNs(RFC3339, argString(args, 0)),
  },
  {
    decl: decl("time.parse_duration_ns", [p("duration", S)], p("ns", N)),
    impl: (args) => normalizeBigInt(parseOpaDuration(toByteString(argString(args, 0)))),
  },
  {
    decl: decl("time.format", [p("x", TIME_ARG)], p("formatted timestamp", S)),
    impl: (args) => {
      const { t, layout } = tzTime(args[0] ?? null);
      const l = layout === "" ? RFC3339_NANO : layoutFor(layout);
      return fromByteString(goFormatTime(t, toByteString(l)));
    },
  },
  {
    decl: decl("time.date", [p("x", TIME_ARG)], p("date", T.arrayOf(N))),
    impl: (args) => {
      const c = civilOf(tzTime(args[0] ?? null).t);
      return [c.year, c.month, c.day];
    },
  },
  {
    decl: decl("time.clock", [p("x", TIME_ARG)], p("output", T.arrayOf(N))),
    impl: (args) => {
      const c = civilOf(tzTime(args[0] ?? null).t);
      return [c.hour, c.minute, c.second];
    },
  },
  {
    decl: decl("time.weekday", [p("x", TIME_ARG)], p("day", S)),
    impl: (args) => LONG_DAYS[civilOf(tzTime(args[0] ?? null).t).weekday] as string,
  },
  {
    decl: decl("time.add_date", [p("ns", N), p("years", N), p("months", N), p("days", N)], p("output", N)),
    impl: addDate,
  },
  {
    decl: decl("time.diff", [p("ns1", TIME_ARG), p("ns2", TIME_ARG)], p("output", T.arrayOf(N))),
    impl: diff,
  },
];
