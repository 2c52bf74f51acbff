/** cel-go's `string.format(list)`: `%s %d %f %e %b %o %x %X %%` with optional `.N` precision. */
import { CelEvalError } from "./errors.js";
import { toCelString } from "./stdlib.js";
import { utf8Encode } from "./utf8.js";
import { CelUint, type CelValue, typeName } from "./values.js";

function fail(msg: string): never {
  throw new CelEvalError(`error during formatting: ${msg}`);
}

/** `%s` text of any value; nested strings are quoted like cel-go does inside lists and maps. */
function asText(v: CelValue, nested: boolean): string {
  if (typeof v === "string") return nested ? JSON.stringify(v) : v;
  if (v === null) return "null";
  if (Array.isArray(v)) return `[${v.map((x) => asText(x, true)).join(", ")}]`;
  if (v instanceof Map) {
    const parts = [...v].map(([k, x]) => `${asText(k, true)}: ${asText(x, true)}`).sort();
    return `{${parts.join(", ")}}`;
  }
  const s = toCelString(v);
  if (typeof s === "string") return s;
  return fail(`no formatting for type ${typeName(v)}`);
}

function integer(v: CelValue, verb: string): bigint {
  if (typeof v === "bigint") return v;
  if (v instanceof CelUint) return v.value;
  return fail(`${verb} clause can only be used on integers, was given ${typeName(v)}`);
}

function float(v: CelValue, verb: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof CelUint) return Number(v.value);
  return fail(`${verb} clause can only be used on numbers, was given ${typeName(v)}`);
}

function special(f: number): string | undefined {
  if (Number.isNaN(f)) return "NaN";
  if (f === Number.POSITIVE_INFINITY) return "Infinity";
  if (f === Number.NEGATIVE_INFINITY) return "-Infinity";
  return undefined;
}

function radix(v: CelValue, base: number, upper: boolean, verb: string): string {
  if (base === 16 && typeof v === "string") v = utf8Encode(v);
  if (base === 16 && v instanceof Uint8Array) {
    const hex = [...v].map((b) => b.toString(16).padStart(2, "0")).join("");
    return upper ? hex.toUpperCase() : hex;
  }
  if (base === 2 && typeof v === "boolean") return v ? "1" : "0";
  const n = integer(v, verb);
  const s = n < 0n ? `-${(-n).toString(base)}` : n.toString(base);
  return upper ? s.toUpperCase() : s;
}

/** Formats `fmt` with `args`. */
export function formatString(fmt: string, args: readonly CelValue[]): string {
  let out = "";
  let next = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    if (fmt[i + 1] === "%") {
      out += "%";
      i++;
      continue;
    }
    const m = /^(?:\.(\d+))?([sdfebxXo])/.exec(fmt.slice(i + 1));
    if (m === null) fail("could not parse formatting clause: unrecognized formatting clause");
    const [whole, prec, verb = "s"] = m;
    i += whole.length;
    if (next >= args.length) fail(`index ${next} out of range`);
    const arg = args[next++] as CelValue;
    switch (verb) {
      case "s":
        out += asText(arg, false);
        break;
      case "d":
        out += integer(arg, "decimal").toString();
        break;
      case "f": {
        const f = float(arg, "fixed-point");
        out += special(f) ?? f.toFixed(prec === undefined ? 6 : Number(prec));
        break;
      }
      case "e": {
        const f = float(arg, "scientific");
        out +=
          special(f) ??
          f.toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([+-])(\d)$/, "e$10$2");
        break;
      }
      case "b":
        out += radix(arg, 2, false, "binary");
        break;
      case "o":
        out += radix(arg, 8, false, "octal");
        break;
      case "x":
      case "X":
        out += radix(arg, 16, verb === "X", "hex");
        break;
    }
  }
  return out;
}
