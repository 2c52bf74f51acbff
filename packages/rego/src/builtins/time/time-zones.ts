import { BuiltinError } from "../errors.js";

/**
 * Time zones from the host's `Intl` (IANA names, as Go's `time.LoadLocation` takes them). Offsets
 * are computed from `Intl.DateTimeFormat`; "Local" is UTC so results do not depend on the host.
 */

/** A loaded zone: its name and its UTC offset (seconds) at any instant. */
export interface Zone {
  readonly name: string;
  offsetAt(unixSec: number): number;
  abbreviationAt(unixSec: number): string;
}

/** UTC (also used for "", "UTC" and "Local"). */
export const UTC: Zone = { name: "UTC", offsetAt: () => 0, abbreviationAt: () => "UTC" };

const MAX_MS = 8.64e15;
const CACHE_LIMIT = 128;
const zones = new Map<string, Zone>();

const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-IN", "en-AU", "en-NZ", "en-CA", "en-IE", "en-ZA"];

class IntlZone implements Zone {
  private readonly parts: Intl.DateTimeFormat;
  private readonly names = new Map<string, string>();

  constructor(readonly name: string) {
    this.parts = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  offsetAt(unixSec: number): number {
    const ms = Math.floor(unixSec) * 1000;
    if (!(Math.abs(ms) <= MAX_MS)) return 0;
    const f: Record<string, string> = {};
    for (const part of this.parts.formatToParts(ms)) f[part.type] = part.value;
    let year = Number(f.year);
    if (f.era === "BC" || f.era === "B") year = 1 - year;
    const wall = new Date(0);
    wall.setUTCFullYear(year, Number(f.month) - 1, Number(f.day));
    wall.setUTCHours(Number(f.hour), Number(f.minute), Number(f.second), 0);
    return Math.round((wall.getTime() - Math.floor(unixSec) * 1000) / 1000);
  }

  abbreviationAt(unixSec: number): string {
    const offset = this.offsetAt(unixSec);
    const key = `${offset}`;
    const cached = this.names.get(key);
    if (cached !== undefined) return cached;
    const ms = Math.abs(unixSec * 1000) <= MAX_MS ? unixSec * 1000 : 0;
    let name = numericAbbreviation(offset);
    for (const locale of ABBREVIATION_LOCALES) {
      const short = new Intl.DateTimeFormat(locale, { timeZone: this.name, timeZoneName: "short" })
        .formatToParts(ms)
        .find((p) => p.type === "timeZoneName")?.value;
      if (short !== undefined && /^[A-Z]{2,5}$/.test(short) && !/^(GMT|UTC)$/.test(short)) {
        name = short;
        break;
      }
      if (short !== undefined && /^(GMT|UTC)$/.test(short) && offset === 0) {
        name = short;
        break;
      }
    }
    this.names.set(key, name);
    return name;
  }
}

/** tzdata's numeric abbreviation for zones without letters: `+05`, `+0530`, `-03`. */
function numericAbbreviation(offset: number): string {
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const h = String(Math.floor(abs / 3600)).padStart(2, "0");
  const m = Math.floor((abs % 3600) / 60);
  return m === 0 ? `${sign}${h}` : `${sign}${h}${String(m).padStart(2, "0")}`;
}

function resolvedName(name: string): string | undefined {
  if (name.includes("..") || /^[+\-/\\]/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch (e: unknown) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Go's `time.LoadLocation`: throws `unknown time zone <name>` for names the host does not know. */
export function loadZone(name: string): Zone {
  if (name === "" || name === "UTC" || name === "Local") return UTC;
  const cached = zones.get(name);
  if (cached !== undefined) return cached;
  const resolved = resolvedName(name);
  if (resolved === undefined || (resolved !== name && resolved.toLowerCase() === name.toLowerCase())) {
    throw new BuiltinError(`unknown time zone ${name}`);
  }
  const zone = new IntlZone(name);
  if (zones.size >= CACHE_LIMIT) zones.clear();
  zones.set(name, zone);
  return zone;
}
