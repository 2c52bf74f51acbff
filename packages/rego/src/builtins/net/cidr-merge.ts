import { bigIntToBytes, bytesToBigInt } from "../crypto/bytes.js";
import { BuiltinError } from "../errors.js";
import { cidrMask, type IPNet, maskIP, parseCIDR, parseIP, to4 } from "./ip.js";

/**
 * OPA's `net.cidr_merge`: each address or network becomes a 16-byte range; overlapping and
 * adjacent ranges are merged; untouched inputs keep their own network, merged ranges become the
 * fewest CIDRs covering them.
 */

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** One input: an IP without prefix gets its classful default mask, as OPA does. */
export function mergeInput(s: string): IPNet {
  const ip = parseIP(s);
  if (ip === undefined) return parseCIDR(s).net;
  const v4 = to4(ip);
  if (v4 === undefined) throw new BuiltinError("IPv6 invalid: needs prefix length");
  const first = v4[0] as number;
  return { ip, mask: cidrMask(first < 0x80 ? 8 : first < 0xc0 ? 16 : 24, 32) };
}

interface Range {
  first: bigint;
  last: bigint;
  v4: boolean;
  network: IPNet | undefined;
}

function addressRange(n: IPNet): Range {
  let first = maskIP(n.ip, n.mask) ?? new Uint8Array(16);
  const v4 = to4(first) !== undefined;
  if (first.length === 4) first = Uint8Array.from([...V4_PREFIX, ...first]);
  const last = Uint8Array.from(first);
  for (let i = 0; i < n.mask.length; i++) {
    const at = 16 - i - 1;
    last[at] = (last[at] as number) | (~(n.mask[n.mask.length - i - 1] as number) & 0xff);
  }
  return { first: bytesToBigInt(first), last: bytesToBigInt(last), v4, network: n };
}

const V4_BASE = bytesToBigInt(Uint8Array.from([...V4_PREFIX, 0, 0, 0, 0]));

function previous(r: Range): bigint {
  const floor = r.v4 ? V4_BASE : 0n;
  return r.first === floor || r.first === 0n ? r.first : r.first - 1n;
}

/** The fewest aligned blocks covering [first, last]. */
function rangeToNets(first: bigint, last: bigint, v4: boolean): IPNet[] {
  const bits = v4 ? 32 : 128;
  const base = v4 ? V4_BASE : 0n;
  const out: IPNet[] = [];
  let start = first - base;
  const end = last - base;
  while (start <= end) {
    let size = 0;
    while (
      size < bits &&
      (start & ((1n << BigInt(size + 1)) - 1n)) === 0n &&
      start + (1n << BigInt(size + 1)) - 1n <= end
    ) {
      size++;
    }
    out.push({ ip: bigIntToBytes(start + base, 16), mask: cidrMask(bits - size, bits) });
    start += 1n << BigInt(size);
  }
  return out;
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** Merges networks into the smallest list of networks. */
export function mergeNets(nets: readonly IPNet[]): IPNet[] {
  const ranges = nets.map(addressRange);
  ranges.sort((a, b) =>
    a.last < b.last ? -1 : a.last > b.last ? 1 : a.first < b.first ? -1 : a.first > b.first ? 1 : 0,
  );
  for (let i = ranges.length - 1; i > 0; i--) {
    const cur = ranges[i] as Range;
    const prev = ranges[i - 1] as Range;
    if (previous(cur) <= prev.last) {
      ranges[i - 1] = {
        first: minBig(prev.first, cur.first),
        last: cur.last,
        v4: prev.v4 && cur.v4,
        network: undefined,
      };
      ranges.splice(i, 1);
    }
  }
  return ranges.flatMap((r) => (r.network ? [r.network] : rangeToNets(r.first, r.last, r.v4)));
}
