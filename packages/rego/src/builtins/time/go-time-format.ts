import { type Civil, civilFromWall } from "./civil.js";
import { nextStdChunk } from "./go-layout-chunks.js";
import { LONG_DAYS, LONG_MONTHS, SHORT_DAYS, SHORT_MONTHS } from "./go-time-parse.js";
import type { Zone } from "./time-zones.js";

/** Go's `Time.Format` for an instant in a zone; layout and result are Latin-1 byte strings. */

/** An instant in a zone. */
export interface ZonedTime {
  readonly sec: number;
  readonly nsec: number;
  readonly zone: Zone;
}

/** Wall-clock fields of a zoned time. */
export function civilOf(t: ZonedTime): Civil {
  return civilFromWall(t.sec + t.zone.offsetAt(t.sec));
}

function pad(x: number, width: number): string {
  const s = String(Math.abs(x)).padStart(width, "0");
  return x < 0 ? `-${s}` : s;
}

function zoneText(kind: string, offset: number): string {
  if (offset === 0 && kind.startsWith("Z")) return "Z";
  const shape = kind.slice(1);
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out = "+";
  if (zone < 0) {
    out = "-";
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.floor(zone / 60), 2);
  if (shape.includes(":")) out += ":";
  if (shape !== "07") out += pad(zone % 60, 2);
  if (shape.endsWith("0000") || shape === "07:00:00") {
    if (shape === "07:00:00") out += ":";
    out += pad(abs % 60, 2);
  }
  return out;
}

function fraction(nsec: number, digits: number, sep: string, trim: boolean): string {
  if (trim && (digits === 0 || nsec === 0)) return "";
  let s = String(nsec).padStart(9, "0");
  if (digits < 9) s = s.slice(0, digits);
  if (trim) s = s.replace(/0+$/, "");
  return trim && s === "" ? "" : sep + s;
}

/** Formats `t` with a Go layout. */
export function goFormatTime(t: ZonedTime, layout: string): string {
  const offset = t.zone.offsetAt(t.sec);
  const c = civilFromWall(t.sec + offset);
  let out = "";
  for (;;) {
    const { prefix, std, suffix } = nextStdChunk(layout);
    out += prefix;
    if (std === undefined) return out;
    layout = suffix;
    const hr12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
    switch (std.kind) {
      case "06":
        out += pad(c.year % 100, 2);
        break;
      case "2006":
        out += pad(c.year, 4);
        break;
      case "Jan":
        out += SHORT_MONTHS[c.month - 1];
        break;
      case "January":
        out += LONG_MONTHS[c.month - 1];
        break;
      case "1":
        out += String(c.month);
        break;
      case "01":
        out += pad(c.month, 2);
        break;
      case "Mon":
        out += SHORT_DAYS[c.weekday];
        break;
      case "Monday":
        out += LONG_DAYS[c.weekday];
        break;
      case "2":
        out += String(c.day);
        break;
      case "_2":
        out += (c.day < 10 ? " " : "") + String(c.day);
        break;
      case "02":
        out += pad(c.day, 2);
        break;
      case "__2":
        out += (c.yday < 100 ? " " : "") + (c.yday < 10 ? " " : "") + String(c.yday);
        break;
      case "002":
        out += pad(c.yday, 3);
        break;
      case "15":
        out += pad(c.hour, 2);
        break;
      case "3":
        out += String(hr12);
        break;
      case "03":
        out += pad(hr12, 2);
        break;
      case "4":
        out += String(c.minute);
        break;
      case "04":
        out += pad(c.minute, 2);
        break;
      case "5":
        out += String(c.second);
        break;
      case "05":
        out += pad(c.second, 2);
        break;
      case "PM":
        out += c.hour >= 12 ? "PM" : "AM";
        break;
      case "pm":
        out += c.hour >= 12 ? "pm" : "am";
        break;
      case "MST":
        out += t.zone.abbreviationAt(t.sec);
        break;
      case "frac0":
      case "frac9":
        out += fraction(t.nsec, std.digits, std.sep, std.kind === "frac9");
        break;
      default:
        out += zoneText(std.kind, offset);
    }
  }
}
