import { bigIntToBytes, bytesEqual, bytesToBigInt, concatBytes, fromHex } from "./bytes.js";
import { digest, digestLength, type HashName } from "./hash.js";
import type { PrivateKey, PublicKey } from "./keys.js";

/** RSA signatures (PKCS #1 v1.5 and PSS), synchronous, on bigint arithmetic. */

type RsaPublic = Extract<PublicKey, { kind: "rsa" }>;
type RsaPrivate = Extract<PrivateKey, { kind: "rsa" }>;

const DIGEST_INFO: Record<HashName, string> = {
  MD5: "3020300c06082a864886f70d020505000410",
  "SHA-1": "3021300906052b0e03021a05000414",
  "SHA-256": "3031300d060960864801650304020105000420",
  "SHA-384": "3041300d060960864801650304020205000430",
  "SHA-512": "3051300d060960864801650304020305000440",
};

/** b^e mod m. */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = base % m;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    e >>= 1n;
    b = (b * b) % m;
  }
  return result;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

/** Bit length of a positive integer. */
export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function byteLength(n: bigint): number {
  return (bitLength(n) + 7) >> 3;
}

function privateOp(k: RsaPrivate, m: bigint): bigint {
  const [p, q] = k.primes;
  if (p === undefined || q === undefined || k.primes.length !== 2) return modPow(m, k.d, k.n);
  const dp = k.d % (p - 1n);
  const dq = k.d % (q - 1n);
  const qInv = modInverse(q, p);
  const m1 = modPow(m, dp, p);
  const m2 = modPow(m, dq, q);
  const h = (qInv * (((m1 - m2) % p) + p)) % p;
  return m2 + h * q;
}

function pkcs1Encoded(hash: HashName, hashed: Uint8Array, k: number): Uint8Array | undefined {
  const t = concatBytes(fromHex(DIGEST_INFO[hash]), hashed);
  if (k < t.length + 11) return undefined;
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0;
  em[1] = 1;
  em[k - t.length - 1] = 0;
  em.set(t, k - t.length);
  return em;
}

/** Verifies an RSASSA-PKCS1-v1_5 signature over a precomputed digest. */
export function verifyPkcs1v15(key: RsaPublic, hash: HashName, hashed: Uint8Array, sig: Uint8Array): boolean {
  const k = byteLength(key.n);
  if (sig.length !== k) return false;
  const s = bytesToBigInt(sig);
  if (s >= key.n) return false;
  const em = bigIntToBytes(modPow(s, key.e, key.n), k);
  const want = pkcs1Encoded(hash, hashed, k);
  return want !== undefined && bytesEqual(em, want);
}

/** Signs a precomputed digest with RSASSA-PKCS1-v1_5. */
export function signPkcs1v15(key: RsaPrivate, hash: HashName, hashed: Uint8Array): Uint8Array {
  const k = byteLength(key.n);
  const em = pkcs1Encoded(hash, hashed, k);
  if (em === undefined) throw new Error("crypto/rsa: key size too small for PKCS#1 v1.5 signature");
  return bigIntToBytes(privateOp(key, bytesToBigInt(em)), k);
}

function mgf1(hash: HashName, seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let done = 0;
  for (let counter = 0; done < len; counter++) {
    const c = new Uint8Array([
      (counter >>> 24) & 255,
      (counter >>> 16) & 255,
      (counter >>> 8) & 255,
      counter & 255,
    ]);
    const block = digest(hash, concatBytes(seed, c));
    out.set(block.subarray(0, Math.min(block.length, len - done)), done);
    done += block.length;
  }
  return out;
}

/** Verifies an RSASSA-PSS signature over a digest, detecting the salt length (Go's `PSSSaltLengthAuto`). */
export function verifyPss(key: RsaPublic, hash: HashName, hashed: Uint8Array, sig: Uint8Array): boolean {
  const k = byteLength(key.n);
  if (sig.length !== k) return false;
  const s = bytesToBigInt(sig);
  if (s >= key.n) return false;
  const emBits = bitLength(key.n) - 1;
  const emLen = (emBits + 7) >> 3;
  const m = modPow(s, key.e, key.n);
  if (byteLength(m) > emLen) return false;
  const em = bigIntToBytes(m, emLen);
  const hLen = digestLength(hash);
  if (hashed.length !== hLen || emLen < hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const masked = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff >> (8 * emLen - emBits);
  if (((masked[0] as number) & ~topMask) !== 0) return false;
  const db = mgf1(hash, h, masked.length);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] as number) ^ (masked[i] as number);
  db[0] = (db[0] as number) & topMask;
  let ps = 0;
  while (ps < db.length && db[ps] === 0) ps++;
  if (ps === db.length || db[ps] !== 1) return false;
  const salt = db.subarray(ps + 1);
  const h2 = digest(hash, concatBytes(new Uint8Array(8), hashed, salt));
  return bytesEqual(h, h2);
}

/** Signs a digest with RSASSA-PSS, salt as long as the hash (as JWS PS* does). */
export function signPss(
  key: RsaPrivate,
  hash: HashName,
  hashed: Uint8Array,
  random: (n: number) => Uint8Array,
): Uint8Array {
  const k = byteLength(key.n);
  const emBits = bitLength(key.n) - 1;
  const emLen = (emBits + 7) >> 3;
  const hLen = digestLength(hash);
  const salt = random(hLen);
  if (emLen < hLen + hLen + 2) throw new Error("crypto/rsa: key size too small for PSS signature");
  const h = digest(hash, concatBytes(new Uint8Array(8), hashed, salt));
  const db = new Uint8Array(emLen - hLen - 1);
  db[db.length - salt.length - 1] = 1;
  db.set(salt, db.length - salt.length);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] as number) ^ (mask[i] as number);
  db[0] = (db[0] as number) & (0xff >> (8 * emLen - emBits));
  const em = concatBytes(db, h, new Uint8Array([0xbc]));
  return bigIntToBytes(privateOp(key, bytesToBigInt(em)), k);
}
