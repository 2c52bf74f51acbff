import { hmac } from "@noble/hashes/hmac.js";
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import type { CHash } from "@noble/hashes/utils.js";

/** Hash functions by name. */
export type HashName = "MD5" | "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

type HashFn = CHash;

const HASHES: Record<HashName, HashFn> = {
  MD5: md5,
  "SHA-1": sha1,
  "SHA-256": sha256,
  "SHA-384": sha384,
  "SHA-512": sha512,
};

/** Digest of `data` with the named hash. */
export function digest(name: HashName, data: Uint8Array): Uint8Array {
  return HASHES[name](data);
}

/** Output length in bytes of the named hash. */
export function digestLength(name: HashName): number {
  return HASHES[name].outputLen;
}

/** HMAC of `data` under `key` with the named hash. */
export function hmacDigest(name: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(HASHES[name], key, data);
}
