/** Kubernetes' IP and CIDR libraries: `ip("10.0.0.1")`, `cidr("10.0.0.0/8")` and their methods. */
import { type CelFunc, CelScalar, celFunc, celMethod } from "@bufbuild/cel";
import { CelEvalError } from "./errors.js";
import { opaqueKind } from "./opaque.js";

/** An IPv4 or IPv6 address. */
export interface IPAddr {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** An IP prefix (the address keeps its host bits, as Kubernetes' `cidr()` does). */
export interface CIDR {
  readonly ip: IPAddr;
  readonly prefix: number;
}

function bitsOf(ip: IPAddr): number {
  return ip.family === 4 ? 32 : 128;
}

function masked(c: CIDR): CIDR {
  const host = BigInt(bitsOf(c.ip) - c.prefix);
  return { ip: { family: c.ip.family, value: (c.ip.value >> host) << host }, prefix: c.prefix };
}

function contains(c: CIDR, ip: IPAddr): boolean {
  if (ip.family !== c.ip.family) return false;
  const host = BigInt(bitsOf(c.ip) - c.prefix);
  return ip.value >> host === c.ip.value >> host;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  if (s.includes("%")) return undefined;
  let tail4: bigint | undefined;
  let text = s;
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    text = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] | undefined => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const all = [...head, ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  if (halves.length === 1 ? all.length !== 8 : all.length > 7) return undefined;
  const full = halves.length === 2 ? [...head, ...Array<string>(8 - all.length).fill("0"), ...tail] : all;
  let v = 0n;
  for (const g of full) v = (v << 16n) | BigInt(Number.parseInt(g, 16));
  if (tail4 !== undefined) v = (v & ~0xffffffffn) | tail4;
  return v;
}

/** Parses an address as Kubernetes' `ip()` does (no zones, no IPv4-mapped IPv6). */
export function parseIP(s: string): IPAddr | string {
  if (s.includes("%")) return "IP address with zone value is not allowed";
  const v4 = parseV4(s);
  if (v4 !== undefined) return { family: 4, value: v4 };
  if (!s.includes(":")) return `IP Address "${s}" parse error during conversion from string`;
  const v6 = parseV6(s);
  if (v6 === undefined) return `IP Address "${s}" parse error during conversion from string`;
  if (v6 >> 32n === 0xffffn) return "IPv4-mapped IPv6 address is not allowed";
  return { family: 6, value: v6 };
}

/** RFC 5952 text (what Go's netip prints). */
export function formatIP(ip: IPAddr): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 255n)).join(".");
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]): string => xs.map((x) => x.toString(16)).join(":");
  if (bestStart < 0) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}

/** Parses a prefix as Kubernetes' `cidr()` does. */
export function parseCIDR(s: string): CIDR | string {
  const slash = s.lastIndexOf("/");
  if (slash < 0) return `network address parse error during conversion from string: no '/'`;
  const ip = parseIP(s.slice(0, slash));
  if (typeof ip === "string") return ip;
  const bits = s.slice(slash + 1);
  if (!/^(0|[1-9]\d*)$/.test(bits) || Number(bits) > bitsOf(ip))
    return `network address parse error during conversion from string: bad bits after slash: "${bits}"`;
  return { ip, prefix: Number(bits) };
}

function must<T>(v: T | string): T {
  if (typeof v === "string") throw new CelEvalError(v);
  return v;
}

const cidrText = (c: CIDR): string => `${formatIP(c.ip)}/${c.prefix}`;
/** The `net.IP` CEL type. */
export const IP_KIND = opaqueKind<IPAddr>("net.IP", formatIP, (s) => must(parseIP(s)));
/** The `net.CIDR` CEL type. */
export const CIDR_KIND = opaqueKind<CIDR>("net.CIDR", cidrText, (s) => must(parseCIDR(s)));
const IP = IP_KIND.type;
const NET = CIDR_KIND.type;
const { BOOL, INT, STRING } = CelScalar;

/** `ip.isX()` predicates: IPv4 and IPv6 tests. */
const PREDICATES: readonly [string, (v: bigint) => boolean, (v: bigint) => boolean][] = [
  ["isUnspecified", (v) => v === 0n, (v) => v === 0n],
  ["isLoopback", (v) => v >> 24n === 127n, (v) => v === 1n],
  ["isLinkLocalMulticast", (v) => v >> 8n === 0xe00000n, (v) => ((v >> 112n) & 0xff0fn) === 0xff02n],
  ["isLinkLocalUnicast", (v) => v >> 16n === 0xa9fen, (v) => v >> 118n === 0x3fan],
  [
    "isGlobalUnicast",
    (v) => v !== 0n && v !== 0xffffffffn && v >> 24n !== 127n && v >> 28n !== 0xen && v >> 16n !== 0xa9fen,
    (v) => v !== 0n && v !== 1n && v >> 120n !== 0xffn && v >> 118n !== 0x3fan,
  ],
];

/** The IP and CIDR functions. */
export function ipFunctions(): CelFunc[] {
  const ip = IP_KIND;
  const net = CIDR_KIND;
  return [
    celFunc("ip", [STRING], IP, (s) => ip.wrap(must(parseIP(s)))),
    celFunc("isIP", [STRING], BOOL, (s) => typeof parseIP(s) !== "string"),
    celFunc("ip.isCanonical", [STRING], BOOL, (s) => formatIP(must(parseIP(s))) === s),
    celFunc("string", [IP], STRING, (v) => formatIP(ip.unwrap(v))),
    celMethod("family", IP, [], INT, function () {
      return BigInt(ip.unwrap(this).family);
    }),
    ...PREDICATES.map(([name, v4, v6]) =>
      celMethod(name, IP, [], BOOL, function () {
        const a = ip.unwrap(this);
        return a.family === 4 ? v4(a.value) : v6(a.value);
      }),
    ),
    celFunc("cidr", [STRING], NET, (s) => net.wrap(must(parseCIDR(s)))),
    celFunc("isCIDR", [STRING], BOOL, (s) => typeof parseCIDR(s) !== "string"),
    celFunc("string", [NET], STRING, (v) => cidrText(net.unwrap(v))),
    celMethod("containsIP", NET, [IP], BOOL, function (x) {
      return contains(net.unwrap(this), ip.unwrap(x));
    }),
    celMethod("containsIP", NET, [STRING], BOOL, function (x) {
      return contains(net.unwrap(this), must(parseIP(x)));
    }),
    celMethod("containsCIDR", NET, [NET], BOOL, function (x) {
      const c = net.unwrap(this);
      const o = net.unwrap(x);
      return o.prefix >= c.prefix && contains(c, o.ip);
    }),
    celMethod("containsCIDR", NET, [STRING], BOOL, function (x) {
      const c = net.unwrap(this);
      const o = must(parseCIDR(x));
      return o.prefix >= c.prefix && contains(c, o.ip);
    }),
    celMethod("ip", NET, [], IP, function () {
      return ip.wrap(net.unwrap(this).ip);
    }),
    celMethod("masked", NET, [], NET, function () {
      return net.wrap(masked(net.unwrap(this)));
    }),
    celMethod("prefixLength", NET, [], INT, function () {
      return BigInt(net.unwrap(this).prefix);
    }),
  ];
}
