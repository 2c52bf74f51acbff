/** Kubernetes' IP and CIDR libraries: `ip("10.0.0.1")`, `cidr("10.0.0.0/8")` and their methods. */
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import { CelOpaque } from "./values.js";

/** An IPv4 or IPv6 address. */
export class IPAddr extends CelOpaque {
  readonly typeName = "net.IP";
  constructor(
    readonly family: 4 | 6,
    readonly value: bigint,
  ) {
    super();
  }
  equals(other: CelOpaque): boolean {
    return other instanceof IPAddr && other.family === this.family && other.value === this.value;
  }
  override text(): string {
    return formatIP(this);
  }
  get bits(): number {
    return this.family === 4 ? 32 : 128;
  }
}

/** An IP prefix. */
export class CIDR extends CelOpaque {
  readonly typeName = "net.CIDR";
  constructor(
    readonly ip: IPAddr,
    readonly prefix: number,
  ) {
    super();
  }
  equals(other: CelOpaque): boolean {
    return other instanceof CIDR && other.ip.equals(this.ip) && other.prefix === this.prefix;
  }
  override text(): string {
    return `${formatIP(this.ip)}/${this.prefix}`;
  }
  masked(): CIDR {
    const host = this.ip.bits - this.prefix;
    const v = (this.ip.value >> BigInt(host)) << BigInt(host);
    return new CIDR(new IPAddr(this.ip.family, v), this.prefix);
  }
  contains(ip: IPAddr): boolean {
    if (ip.family !== this.ip.family) return false;
    const host = BigInt(this.ip.bits - this.prefix);
    return ip.value >> host === this.ip.value >> host;
  }
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
  if (v4 !== undefined) return new IPAddr(4, v4);
  if (!s.includes(":")) return `IP Address "${s}" parse error during conversion from string`;
  const v6 = parseV6(s);
  if (v6 === undefined) return `IP Address "${s}" parse error during conversion from string`;
  if (v6 >> 32n === 0xffffn) return "IPv4-mapped IPv6 address is not allowed";
  return new IPAddr(6, v6);
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
  if (!/^(0|[1-9]\d*)$/.test(bits) || Number(bits) > ip.bits)
    return `network address parse error during conversion from string: bad bits after slash: "${bits}"`;
  return new CIDR(ip, Number(bits));
}

function must<T>(v: T | string): T {
  if (typeof v === "string") throw new CelEvalError(v);
  return v;
}

/** Registers `ip`, `cidr` and their methods. */
export function registerIP(t: FunctionTable): void {
  t.global("ip", ([s]) => (typeof s === "string" ? must(parseIP(s)) : NO_OVERLOAD));
  t.global("isIP", ([s]) => (typeof s === "string" ? typeof parseIP(s) !== "string" : NO_OVERLOAD));
  t.global("ip.isCanonical", ([s]) => {
    if (typeof s !== "string") return NO_OVERLOAD;
    return formatIP(must(parseIP(s))) === s;
  });
  t.member("family", ([ip]) => (ip instanceof IPAddr ? BigInt(ip.family) : NO_OVERLOAD));
  const pred = (name: string, v4: (v: bigint) => boolean, v6: (v: bigint) => boolean): void => {
    t.member(name, ([ip]) =>
      ip instanceof IPAddr ? (ip.family === 4 ? v4(ip.value) : v6(ip.value)) : NO_OVERLOAD,
    );
  };
  pred(
    "isUnspecified",
    (v) => v === 0n,
    (v) => v === 0n,
  );
  pred(
    "isLoopback",
    (v) => v >> 24n === 127n,
    (v) => v === 1n,
  );
  pred(
    "isLinkLocalMulticast",
    (v) => v >> 8n === 0xe00000n,
    (v) => ((v >> 112n) & 0xff0fn) === 0xff02n,
  );
  pred(
    "isLinkLocalUnicast",
    (v) => v >> 16n === 0xa9fen,
    (v) => v >> 118n === 0x3fan,
  );
  pred(
    "isGlobalUnicast",
    (v) => v !== 0n && v !== 0xffffffffn && v >> 24n !== 127n && v >> 28n !== 0xen && v >> 16n !== 0xa9fen,
    (v) => v !== 0n && v !== 1n && v >> 120n !== 0xffn && v >> 118n !== 0x3fan,
  );
  t.global("cidr", ([s]) => (typeof s === "string" ? must(parseCIDR(s)) : NO_OVERLOAD));
  t.global("isCIDR", ([s]) => (typeof s === "string" ? typeof parseCIDR(s) !== "string" : NO_OVERLOAD));
  t.member("containsIP", ([c, x]) => {
    if (!(c instanceof CIDR)) return NO_OVERLOAD;
    const ip = typeof x === "string" ? must(parseIP(x)) : x;
    return ip instanceof IPAddr ? c.contains(ip) : NO_OVERLOAD;
  });
  t.member("containsCIDR", ([c, x]) => {
    if (!(c instanceof CIDR)) return NO_OVERLOAD;
    const other = typeof x === "string" ? must(parseCIDR(x)) : x;
    if (!(other instanceof CIDR)) return NO_OVERLOAD;
    return other.prefix >= c.prefix && c.contains(other.ip);
  });
  t.member("ip", ([c]) => (c instanceof CIDR ? c.ip : NO_OVERLOAD));
  t.member("masked", ([c]) => (c instanceof CIDR ? c.masked() : NO_OVERLOAD));
  t.member("prefixLength", ([c]) => (c instanceof CIDR ? BigInt(c.prefix) : NO_OVERLOAD));
}
