import { normalizeBigInt } from "../value/number.js";
import type { Value } from "../value/value.js";
import { argString } from "./args.js";
import { latin1String, toHex, utf8Encode } from "./crypto/bytes.js";
import type { BuiltinContext, BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function newUuid(ctx: BuiltinContext): string {
  const b = ctx.randomBytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function rfc4122(args: readonly Value[], ctx: BuiltinContext): Value {
  const k = argString(args, 0);
  const key = `uuid.rfc4122\u0000${k}`;
  const cached = ctx.queryCache.get(key);
  if (typeof cached === "string") return cached;
  const s = newUuid(ctx);
  ctx.queryCache.set(key, s);
  return s;
}

function hexPair(s: string, i: number): number | undefined {
  const pair = s.slice(i, i + 2);
  return /^[0-9a-fA-F]{2}$/.test(pair) ? Number.parseInt(pair, 16) : undefined;
}

/** google/uuid's `Parse`: the dashed, `urn:uuid:`, braced (middle 36 bytes only) and bare hex forms. */
function parseUuid(input: string): Uint8Array | undefined {
  let s = latin1String(utf8Encode(input));
  const out = new Uint8Array(16);
  switch (s.length) {
    case 36:
      break;
    case 45:
      if (s.slice(0, 9).toLowerCase() !== "urn:uuid:") return undefined;
      s = s.slice(9);
      break;
    case 38:
      s = s.slice(1);
      break;
    case 32:
      for (let i = 0; i < 16; i++) {
        const v = hexPair(s, 2 * i);
        if (v === undefined) return undefined;
        out[i] = v;
      }
      return out;
    default:
      return undefined;
  }
  if (s[8] !== "-" || s[13] !== "-" || s[18] !== "-" || s[23] !== "-") return undefined;
  const offsets = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
  for (let i = 0; i < 16; i++) {
    const v = hexPair(s, offsets[i] as number);
    if (v === undefined) return undefined;
    out[i] = v;
  }
  return out;
}

function variantName(b: number): string {
  if ((b & 0xc0) === 0x80) return "RFC4122";
  if ((b & 0xe0) === 0xc0) return "Microsoft";
  if ((b & 0xe0) === 0xe0) return "Future";
  return "Reserved";
}

function macVariables(b: number): string {
  if ((b & 3) === 3) return "local:multicast";
  if ((b & 1) === 1) return "global:multicast";
  if ((b & 2) === 2) return "local:unicast";
  return "global:unicast";
}

const GREGORIAN_OFFSET = 122192928000000000n;
const DOMAINS = ["Person", "Group", "Org"];

function be(b: Uint8Array, from: number, to: number): bigint {
  let v = 0n;
  for (let i = from; i < to; i++) v = (v << 8n) | BigInt(b[i] as number);
  return v;
}

function describe(u: Uint8Array): Value {
  const version = (u[6] as number) >> 4;
  const out: Record<string, Value> = { version, variant: variantName(u[8] as number) };
  if (version === 1 || version === 2) {
    const t = be(u, 0, 4) | (be(u, 4, 6) << 32n) | ((be(u, 6, 8) & 0xfffn) << 48n);
    out.time = normalizeBigInt((t - GREGORIAN_OFFSET) * 100n);
    const node = u.subarray(10, 16);
    out.nodeid = Array.from(node, (x) => x.toString(16).padStart(2, "0")).join("-");
    out.macvariables = macVariables(node[0] as number);
    out.clocksequence = Number(be(u, 8, 10) & 0x3fffn);
    if (version === 2) {
      out.id = Number(be(u, 0, 4));
      const d = u[9] as number;
      out.domain = DOMAINS[d] ?? `Domain${d}`;
    }
  }
  return out;
}

/** `uuid.rfc4122` (a random v4 UUID, stable per argument within a query) and `uuid.parse`. */
export const uuidBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "uuid.rfc4122",
      [p("k", T.string)],
      p(
        "output",
        T.string,
        "a version 4 UUID; for any given `k`, the output will be consistent throughout a query evaluation",
      ),
      { nondeterministic: true },
    ),
    impl: rfc4122,
  },
  {
    decl: decl(
      "uuid.parse",
      [p("uuid", T.string)],
      p(
        "result",
        T.objectOf(T.string, T.any),
        "Properties of UUID if valid (version, variant, etc). Undefined otherwise.",
      ),
    ),
    impl: (args) => {
      const u = parseUuid(argString(args, 0));
      return u === undefined ? undefined : describe(u);
    },
  },
];
