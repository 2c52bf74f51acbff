/** Go's reference-time layout elements (`nextStdChunk`) and the named layouts OPA accepts. */

/** One layout element. Fractional seconds carry their digit count and separator. */
export type Std =
  | { readonly kind: Exclude<StdKind, "frac0" | "frac9"> }
  | { readonly kind: "frac0" | "frac9"; readonly digits: number; readonly sep: string };

/** Kinds of layout elements, named after the reference value they stand for. */
export type StdKind =
  | "January"
  | "Jan"
  | "1"
  | "01"
  | "Monday"
  | "Mon"
  | "2"
  | "_2"
  | "02"
  | "__2"
  | "002"
  | "15"
  | "3"
  | "03"
  | "4"
  | "04"
  | "5"
  | "05"
  | "2006"
  | "06"
  | "PM"
  | "pm"
  | "MST"
  | "Z0700"
  | "Z070000"
  | "Z07"
  | "Z07:00"
  | "Z07:00:00"
  | "-0700"
  | "-070000"
  | "-07"
  | "-07:00"
  | "-07:00:00"
  | "frac0"
  | "frac9";

/** A layout split at its first element. */
export interface Chunk {
  readonly prefix: string;
  readonly std: Std | undefined;
  readonly suffix: string;
}

/** Named layouts (`time.RFC3339` and friends) that OPA lets policies give by name. */
export const NAMED_LAYOUTS: Readonly<Record<string, string>> = {
  ANSIC: "Mon Jan _2 15:04:05 2006",
  UnixDate: "Mon Jan _2 15:04:05 MST 2006",
  RubyDate: "Mon Jan 02 15:04:05 -0700 2006",
  RFC822: "02 Jan 06 15:04 MST",
  RFC822Z: "02 Jan 06 15:04 -0700",
  RFC850: "Monday, 02-Jan-06 15:04:05 MST",
  RFC1123: "Mon, 02 Jan 2006 15:04:05 MST",
  RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700",
  RFC3339: "2006-01-02T15:04:05Z07:00",
  RFC3339Nano: "2006-01-02T15:04:05.999999999Z07:00",
};

/** Layout used by `time.parse_rfc3339_ns` and as `time.format`'s default. */
export const RFC3339 = "2006-01-02T15:04:05Z07:00";
export const RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

const ZERO_X: StdKind[] = ["01", "02", "03", "04", "05", "06"];
const DASH_TZ: StdKind[] = ["-070000", "-07:00:00", "-0700", "-07:00", "-07"];
const Z_TZ: StdKind[] = ["Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"];

function isLower(c: string | undefined): boolean {
  return c !== undefined && c >= "a" && c <= "z";
}

function isDigitAt(s: string, i: number): boolean {
  const c = s[i];
  return c !== undefined && c >= "0" && c <= "9";
}

function chunk(layout: string, i: number, kind: StdKind, len: number): Chunk {
  return { prefix: layout.slice(0, i), std: { kind } as Std, suffix: layout.slice(i + len) };
}

/** Go's `nextStdChunk`: the text before the first layout element, the element, the rest. */
export function nextStdChunk(layout: string): Chunk {
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i] as string;
    const at = (s: string): boolean => layout.startsWith(s, i);
    switch (c) {
      case "J":
        if (at("Jan")) {
          if (at("January")) return chunk(layout, i, "January", 7);
          if (!isLower(layout[i + 3])) return chunk(layout, i, "Jan", 3);
        }
        break;
      case "M":
        if (at("Mon")) {
          if (at("Monday")) return chunk(layout, i, "Monday", 6);
          if (!isLower(layout[i + 3])) return chunk(layout, i, "Mon", 3);
        }
        if (at("MST")) return chunk(layout, i, "MST", 3);
        break;
      case "0": {
        const d = layout[i + 1];
        if (d !== undefined && d >= "1" && d <= "6")
          return chunk(layout, i, ZERO_X[Number(d) - 1] as StdKind, 2);
        if (at("002")) return chunk(layout, i, "002", 3);
        break;
      }
      case "1":
        if (at("15")) return chunk(layout, i, "15", 2);
        return chunk(layout, i, "1", 1);
      case "2":
        if (at("2006")) return chunk(layout, i, "2006", 4);
        return chunk(layout, i, "2", 1);
      case "_":
        if (layout[i + 1] === "2") {
          if (layout.startsWith("2006", i + 1)) return chunk(layout, i + 1, "2006", 4);
          return chunk(layout, i, "_2", 2);
        }
        if (at("__2")) return chunk(layout, i, "__2", 3);
        break;
      case "3":
      case "4":
      case "5":
        return chunk(layout, i, c as StdKind, 1);
      case "P":
        if (at("PM")) return chunk(layout, i, "PM", 2);
        break;
      case "p":
        if (at("pm")) return chunk(layout, i, "pm", 2);
        break;
      case "-":
        for (const k of DASH_TZ) if (at(k)) return chunk(layout, i, k, k.length);
        break;
      case "Z":
        for (const k of Z_TZ) if (at(k)) return chunk(layout, i, k, k.length);
        break;
      case ".":
      case ",": {
        const ch = layout[i + 1];
        if (ch === "0" || ch === "9") {
          let j = i + 1;
          while (layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            const std: Std = { kind: ch === "0" ? "frac0" : "frac9", digits: j - (i + 1), sep: c };
            return { prefix: layout.slice(0, i), std, suffix: layout.slice(j) };
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, std: undefined, suffix: "" };
}
