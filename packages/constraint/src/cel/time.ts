/** Durations and timestamps: parsing, formatting and the accessor functions. */
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import { CelDuration, CelTimestamp, type CelValue } from "./values.js";

const NS = 1_000_000_000n;
const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: NS,
  m: 60n * NS,
  h: 3600n * NS,
};

/** Parses a Go-style duration (`1h30m`, `1.5s`, `-20ms`). */
export function parseDuration(s: string): CelDuration {
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
  if (s === "0" || s === "+0" || s === "-0") return new CelDuration(0n);
  if (m === null) throw new CelEvalError(`invalid duration: ${s}`);
  let total = 0n;
  for (const part of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    const [, num = "0", unit = "s"] = part;
    const scale = UNITS[unit] ?? NS;
    const [whole = "0", frac = ""] = num.split(".");
    total += BigInt(whole || "0") * scale;
    if (frac !== "") total += (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
  }
  return new CelDuration(m[1] === "-" ? -total : total);
}

/** cel-go's `string(duration)`: seconds with a trailing `s`. */
export function durationToString(d: CelDuration): string {
  const neg = d.nanos < 0n;
  const abs = neg ? -d.nanos : d.nanos;
  const whole = abs / NS;
  const frac = (abs % NS).toString().padStart(9, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac === "" ? "" : `.${frac}`}s`;
}

/** Parses an RFC 3339 timestamp. */
export function parseTimestamp(s: string): CelTimestamp {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(
    s,
  );
  if (m === null) throw new CelEvalError(`invalid timestamp: ${s}`);
  const [, y, mo, d, h, mi, sec, frac = "", zone = "Z"] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  if (Number.isNaN(ms)) throw new CelEvalError(`invalid timestamp: ${s}`);
  let nanos = BigInt(ms) * 1_000_000n + BigInt(frac.padEnd(9, "0") || "0");
  if (zone !== "Z" && zone !== "z") nanos -= BigInt(offsetMinutes(zone)) * 60n * NS;
  return new CelTimestamp(nanos);
}

function offsetMinutes(zone: string): number {
  const sign = zone.startsWith("-") ? -1 : 1;
  const [h = "0", m = "0"] = zone.slice(1).split(":");
  return sign * (Number(h) * 60 + Number(m));
}

/** Go's RFC 3339 with nanoseconds, trailing zeros trimmed, in UTC. */
export function timestampToString(t: CelTimestamp): string {
  const ms = Number(t.nanos / 1_000_000n - (t.nanos < 0n && t.nanos % 1_000_000n !== 0n ? 1n : 0n));
  const base = new Date(ms).toISOString().slice(0, 19);
  const sub = ((t.nanos % NS) + NS) % NS;
  const frac = sub.toString().padStart(9, "0").replace(/0+$/, "");
  return `${base}${frac === "" ? "" : `.${frac}`}Z`;
}

/** Date parts of a timestamp in UTC or a fixed `±HH:MM` / `UTC` zone. */
function parts(t: CelTimestamp, zone: CelValue | undefined): Date {
  let offset = 0;
  if (typeof zone === "string" && zone !== "UTC" && zone !== "Z") {
    if (!/^[+-]?\d{2}:\d{2}$/.test(zone)) throw new CelEvalError(`unsupported time zone: ${zone}`);
    offset = offsetMinutes(zone.startsWith("+") || zone.startsWith("-") ? zone : `+${zone}`);
  }
  const ms = Number(t.nanos / 1_000_000n) + offset * 60_000;
  return new Date(ms);
}

/** Registers the timestamp and duration accessors. */
export function registerTime(t: FunctionTable): void {
  const tsGetter = (name: string, get: (d: Date, ts: CelTimestamp) => number): void => {
    t.member(name, ([ts, zone]) => {
      if (!(ts instanceof CelTimestamp)) return NO_OVERLOAD;
      return BigInt(get(parts(ts, zone), ts));
    });
  };
  tsGetter("getFullYear", (d) => d.getUTCFullYear());
  tsGetter("getMonth", (d) => d.getUTCMonth());
  tsGetter("getDate", (d) => d.getUTCDate());
  tsGetter("getDayOfMonth", (d) => d.getUTCDate() - 1);
  tsGetter("getDayOfWeek", (d) => d.getUTCDay());
  tsGetter("getDayOfYear", (d) =>
    Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000),
  );
  tsGetter("getMilliseconds", (_, ts) => Math.floor(Number(((ts.nanos % NS) + NS) % NS) / 1e6));
  const durOrTs = (name: string, ts: (d: Date) => number, dur: (n: bigint) => bigint): void => {
    t.member(name, ([v, zone]) => {
      if (v instanceof CelDuration) return dur(v.nanos);
      if (v instanceof CelTimestamp) return BigInt(ts(parts(v, zone)));
      return NO_OVERLOAD;
    });
  };
  durOrTs(
    "getHours",
    (d) => d.getUTCHours(),
    (n) => n / (3600n * NS),
  );
  durOrTs(
    "getMinutes",
    (d) => d.getUTCMinutes(),
    (n) => n / (60n * NS),
  );
  durOrTs(
    "getSeconds",
    (d) => d.getUTCSeconds(),
    (n) => n / NS,
  );
  t.member("getMilliseconds", ([v]) =>
    v instanceof CelDuration ? (v.nanos % NS) / 1_000_000n : NO_OVERLOAD,
  );
}
