import { BuiltinError } from "../errors.js";

/**
 * IP addresses and networks as Go's `net` package handles them: addresses are 4 or 16 bytes
 * (IPv4 parsed from text is stored as IPv4-mapped IPv6), networks an IP and a mask of 4 or 16
 * bytes. Parsing follows `netip.ParseAddr` (no leading zeros in IPv4 octets, no zones).
 */

/** An IP address: 4 or 16 bytes. */
export type IP = Uint8Array;

/** A network: Go's `net.IPNet`. */
export interface IPNet {
  readonly ip: IP;
  readonly mask: Uint8Array;
}

const V4_IN_V6 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part) || (part.length > 1 && part[0] === "0")) return undefined;
    const v = Number(part);
    if (v > 255) return undefined;
    out.push(v);
  }
  return out;
}

function parseIPv6(s: string): Uint8Array | undefined {
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  let i = 0;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === "") return ip;
  }
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const d = Number.parseInt(s[off] as string, 16);
      if (Number.isNaN(d)) break;
      if (off > 3) return undefined;
      acc = acc * 16 + d;
    }
    if (off === 0) return undefined;
    if (s[off] === ".") {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseIPv4(s);
      if (v4 === undefined) return undefined;
      ip.set(v4, i);
      i += 4;
      s = "";
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s === "") break;
    if (s[0] !== ":" || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s === "") break;
    }
  }
  if (s !== "") return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    ip.copyWithin(ellipsis + n, ellipsis, i);
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) return undefined;
  return ip;
}

/** `netip.ParseAddr` without zones: `[16 bytes, isIPv4]`. */
function parseAddr(s: string): [Uint8Array, boolean] | undefined {
  for (const c of s) {
    if (c === ".") {
      const v4 = parseIPv4(s);
      return v4 === undefined ? undefined : [Uint8Array.from([...V4_IN_V6, ...v4]), true];
    }
    if (c === ":") {
      const v6 = parseIPv6(s);
      return v6 === undefined ? undefined : [v6, false];
    }
    if (c === "%") return undefined;
  }
  return undefined;
}

/** Go's `net.ParseIP`: 16 bytes, or undefined. */
export function parseIP(s: string): IP | undefined {
  return parseAddr(s)?.[0];
}

/** Go's `net.CIDRMask(ones, bits)`. */
export function cidrMask(ones: number, bits: number): Uint8Array {
  const m = new Uint8Array(bits / 8);
  for (let i = 0; i < m.length; i++) {
    const n = Math.max(0, Math.min(8, ones - i * 8));
    m[i] = (0xff00 >> n) & 0xff;
  }
  return m;
}

/** Go's `net.ParseCIDR`: the address and its network; throws `invalid CIDR address: <s>`. */
export function parseCIDR(s: string): { ip: IP; net: IPNet } {
  const bad = (): BuiltinError => new BuiltinError(`invalid CIDR address: ${s}`);
  const slash = s.indexOf("/");
  if (slash < 0) throw bad();
  const addr = parseAddr(s.slice(0, slash));
  const maskText = s.slice(slash + 1);
  if (addr === undefined || !/^[0-9]+$/.test(maskText)) throw bad();
  const bits = addr[1] ? 32 : 128;
  const n = Number(maskText);
  if (n > bits) throw bad();
  const mask = cidrMask(n, bits);
  const net = maskIP(addr[0], mask);
  if (net === undefined) throw bad();
  return { ip: addr[0], net: { ip: net, mask } };
}

function isV4InV6(ip: IP): boolean {
  return ip.length === 16 && V4_IN_V6.every((b, i) => ip[i] === b);
}

/** Go's `IP.To4`. */
export function to4(ip: IP): IP | undefined {
  if (ip.length === 4) return ip;
  return isV4InV6(ip) ? ip.subarray(12) : undefined;
}

/** Go's `IP.Mask`. */
export function maskIP(ip: IP, mask: Uint8Array): IP | undefined {
  if (mask.length === 16 && ip.length === 4 && mask.subarray(0, 12).every((b) => b === 0xff))
    mask = mask.subarray(12);
  if (mask.length === 4 && ip.length === 16 && isV4InV6(ip)) ip = ip.subarray(12);
  if (ip.length !== mask.length) return undefined;
  return ip.map((b, i) => b & (mask[i] as number));
}

function networkNumberAndMask(n: IPNet): [IP, Uint8Array] | undefined {
  let ip = to4(n.ip);
  if (ip === undefined) {
    ip = n.ip;
    if (ip.length !== 16) return undefined;
  }
  let m = n.mask;
  if (m.length === 4) {
    if (ip.length !== 4) return undefined;
  } else if (m.length === 16) {
    if (ip.length === 4) m = m.subarray(12);
  } else return undefined;
  return [ip, m];
}

/** Go's `IPNet.Contains`. */
export function contains(n: IPNet, ip: IP): boolean {
  const nm = networkNumberAndMask(n);
  if (nm === undefined) return false;
  const [nn, m] = nm;
  const x = to4(ip) ?? ip;
  if (x.length !== nn.length) return false;
  for (let i = 0; i < x.length; i++)
    if (((nn[i] as number) & (m[i] as number)) !== ((x[i] as number) & (m[i] as number))) return false;
  return true;
}

/** Go's `IPMask.Size`: `[ones, bits]`, or `[0, 0]` for a non-canonical mask. */
export function maskSize(m: Uint8Array): [number, number] {
  const ones = simpleMaskLength(m);
  return ones < 0 ? [0, 0] : [ones, m.length * 8];
}

function simpleMaskLength(m: Uint8Array): number {
  let n = 0;
  let done = false;
  for (const b of m) {
    if (done) {
      if (b !== 0) return -1;
      continue;
    }
    if (b === 0xff) {
      n += 8;
      continue;
    }
    const ones = Math.clz32(~(b << 24));
    if (((b << ones) & 0xff) !== 0) return -1;
    n += ones;
    done = true;
  }
  return n;
}

function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

/** Go's `IP.String`. */
export function ipString(ip: IP): string {
  if (ip.length === 0) return "<nil>";
  if (ip.length !== 4 && ip.length !== 16) return `?${hex(ip)}`;
  const v4 = to4(ip);
  if (v4 !== undefined) return [...v4].join(".");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip[i] as number) << 8) | (ip[i + 1] as number));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i >= 2 && j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const text = (gs: number[]): string => gs.map((g) => g.toString(16)).join(":");
  if (bestStart < 0) return text(groups);
  return `${text(groups.slice(0, bestStart))}::${text(groups.slice(bestStart + bestLen))}`;
}

/** Go's `IPNet.String`. */
export function ipNetString(n: IPNet): string {
  const nm = networkNumberAndMask(n);
  if (nm === undefined) return "<nil>";
  const l = simpleMaskLength(nm[1]);
  return l < 0 ? `${ipString(nm[0])}/${hex(nm[1])}` : `${ipString(nm[0])}/${l}`;
}
