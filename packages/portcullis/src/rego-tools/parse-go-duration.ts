import { ToolError } from "./errors.js";

const UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration (`5s`, `1m30s`, `250ms`) into milliseconds. Throws ToolError on bad text. */
export function parseGoDuration(text: string): number {
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    total += Number(m[1]) * (UNITS[m[2] ?? ""] ?? 0);
    at = re.lastIndex;
  }
  if (text === "0") return 0;
  if (at === 0 || at !== text.length)
    throw new ToolError("usage_error", `invalid duration "${text}" (use e.g. 5s, 250ms, 1m)`);
  return total;
}
