import { isArray, objectEntries, RegoSet, typeName, type Value } from "../value/value.js";
import { argString } from "./args.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import { mergeInput, mergeNets } from "./net/cidr-merge.js";
import {
  contains,
  type IP,
  type IPNet,
  ipNetString,
  ipString,
  maskIP,
  maskSize,
  parseCIDR,
  parseIP,
} from "./net/ip.js";
import type { BuiltinContext, BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** OPA's network builtins: CIDR containment, intersection, expansion, merging, and DNS lookups. */

const S = T.string;
const B = T.boolean;
/** Most addresses `net.cidr_expand` will list; OPA would run until the query is cancelled. */
const EXPAND_LIMIT = 1 << 20;

/** A CIDR operand; OPA reports both operands of these builtins as operand 1. */
function netOperand(v: Value): IPNet {
  if (typeof v !== "string") throw OperandTypeError.mustBe(1, typeName(v), "string");
  return parseCIDR(v).net;
}

function lastIP(n: IPNet): IP {
  const [ones, bits] = maskSize(n.mask);
  if (ones === 0 && bits === 0) throw new BuiltinError("CIDR mask is in non-standard format");
  if (ones === bits) return n.ip;
  const out = new Uint8Array(bits / 8);
  const offset = n.ip.length - out.length;
  for (let i = 0; i < out.length; i++) {
    out[i] = (n.ip[i + offset] ?? 0) | (~(n.mask[i] as number) & 0xff);
  }
  return out;
}

function cidrContains(a: Value, b: Value): boolean {
  const netA = netOperand(a);
  if (typeof b !== "string") throw OperandTypeError.mustBe(1, typeName(b), "string");
  const ip = parseIP(b);
  if (ip !== undefined) return contains(netA, ip);
  let netB: IPNet;
  try {
    netB = parseCIDR(b).net;
  } catch (e: unknown) {
    if (e instanceof BuiltinError)
      throw new BuiltinError(`not a valid textual representation of an IP address or CIDR: ${b}`);
    throw e;
  }
  return contains(netA, netB.ip) && contains(netA, lastIP(netB));
}

function matchTerm(operand: number, v: Value): Value {
  if (typeof v === "string") return v;
  if (isArray(v) && v.length > 0) return v[0] as Value;
  throw new BuiltinError(`operand ${operand}: element must be string or non-empty array`);
}

/** `[cidr, index]` pairs of a `net.cidr_contains_matches` operand. */
function matchOperand(operand: number, v: Value): [Value, Value][] {
  if (typeof v === "string") return [[v, v]];
  if (isArray(v)) return v.map((x, i) => [matchTerm(operand, x), i]);
  if (v instanceof RegoSet) return v.values().map((x) => [matchTerm(operand, x), x]);
  if (v !== null && typeof v === "object")
    return objectEntries(v).map(([k, x]) => [matchTerm(operand, x), k]);
  return [];
}

function containsMatches(a: Value, b: Value): Value {
  const result = new RegoSet();
  const left = matchOperand(1, a);
  const right = matchOperand(2, b);
  for (const [cidr1, index1] of left) {
    for (const [cidr2, index2] of right) if (cidrContains(cidr1, cidr2)) result.add([index1, index2]);
  }
  return result;
}

function expand(s: string): Value {
  const { ip, net } = parseCIDR(s);
  const [ones, bits] = maskSize(net.mask);
  if (bits - ones > 20 && 2 ** (bits - ones) > EXPAND_LIMIT) {
    throw new BuiltinError("timed out before generating all IP addresses");
  }
  const result = new RegoSet();
  const cur = maskIP(ip, net.mask) ?? new Uint8Array(0);
  while (contains(net, cur)) {
    result.add(ipString(cur));
    let j = cur.length - 1;
    for (; j >= 0; j--) {
      cur[j] = ((cur[j] as number) + 1) & 0xff;
      if (cur[j] !== 0) break;
    }
    if (j < 0) break;
  }
  return result;
}

function merge(v: Value): Value {
  let items: readonly Value[];
  if (isArray(v)) items = v;
  else if (v instanceof RegoSet) items = v.values();
  else throw new BuiltinError("operand must be an array");
  const nets = items.map((x) => {
    if (typeof x !== "string") throw new BuiltinError("element must be string");
    return mergeInput(x);
  });
  return new RegoSet(mergeNets(nets).map(ipNetString));
}

function lookup(args: readonly Value[], ctx: BuiltinContext): Value {
  const name = argString(args, 0);
  const resolve = ctx.services.lookupIp;
  if (resolve === undefined) throw new BuiltinError("DNS lookups are not enabled");
  const key = `net.lookup_ip_addr:${name}`;
  const cached = ctx.queryCache.get(key);
  if (cached instanceof RegoSet) return cached;
  let addrs: readonly string[];
  try {
    addrs = resolve(name);
  } catch (e: unknown) {
    throw new BuiltinError(e instanceof Error ? e.message : String(e));
  }
  const result = new RegoSet(addrs);
  ctx.queryCache.set(key, result);
  return result;
}

const CONTAINS_MATCHES_ARG = T.anyOf(
  S,
  T.arrayOf(T.anyOf(S, T.array)),
  T.setOf(T.anyOf(S, T.array)),
  T.objectOf(S, T.anyOf(S, T.array)),
);

/** The net family. */
export const netBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl("net.cidr_contains", [p("cidr", S), p("cidr_or_ip", S)], p("result", B)),
    impl: (args) => cidrContains(args[0] ?? null, args[1] ?? null),
  },
  {
    decl: decl("net.cidr_overlap", [p("cidr", S), p("cidr_or_ip", S)], p("result", B), { deprecated: true }),
    impl: (args) => cidrContains(args[0] ?? null, args[1] ?? null),
  },
  {
    decl: decl("net.cidr_intersects", [p("cidr1", S), p("cidr2", S)], p("result", B)),
    impl: (args) => {
      const a = netOperand(args[0] ?? null);
      const b = netOperand(args[1] ?? null);
      return contains(a, b.ip) || contains(b, a.ip);
    },
  },
  {
    decl: decl(
      "net.cidr_contains_matches",
      [p("cidrs", CONTAINS_MATCHES_ARG), p("cidrs_or_ips", CONTAINS_MATCHES_ARG)],
      p("output", T.setOf(T.arrayOf(T.any))),
    ),
    impl: (args) => containsMatches(args[0] ?? null, args[1] ?? null),
  },
  {
    decl: decl("net.cidr_expand", [p("cidr", S)], p("hosts", T.setOf(S))),
    impl: (args) => expand(argString(args, 0)),
  },
  {
    decl: decl(
      "net.cidr_merge",
      [p("addrs", T.anyOf(T.arrayOf(T.anyOf(S)), T.setOf(S)))],
      p("output", T.setOf(S)),
    ),
    impl: (args) => merge(args[0] ?? null),
  },
  {
    decl: decl("net.cidr_is_valid", [p("cidr", S)], p("result", B)),
    impl: (args) => {
      const s = args[0];
      if (typeof s !== "string") return false;
      try {
        parseCIDR(s);
        return true;
      } catch (e: unknown) {
        if (e instanceof BuiltinError) return false;
        throw e;
      }
    },
  },
  {
    decl: decl("net.lookup_ip_addr", [p("name", S)], p("addrs", T.setOf(S)), { nondeterministic: true }),
    impl: lookup,
  },
];
