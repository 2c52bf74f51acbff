import { argString } from "./args.js";
import { bytesEqual, toHex, utf8Encode } from "./crypto/bytes.js";
import { digest, type HashName, hmacDigest } from "./crypto/hash.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

function hashDef(name: string, hash: HashName, label: string): BuiltinDef {
  return {
    decl: decl(name, [p("x", T.string, "input string")], p("y", T.string, `${label}-hash of \`x\``)),
    impl: (args) => toHex(digest(hash, utf8Encode(argString(args, 0)))),
  };
}

function hmacDef(name: string, hash: HashName, label: string): BuiltinDef {
  return {
    decl: decl(
      name,
      [p("x", T.string, "input string"), p("key", T.string, "key to use")],
      p("y", T.string, `${label}-HMAC of \`x\``),
    ),
    impl: (args) => {
      const message = argString(args, 0);
      const key = argString(args, 1);
      return toHex(hmacDigest(hash, utf8Encode(key), utf8Encode(message)));
    },
  };
}

/** `crypto.md5`, `crypto.sha1`, `crypto.sha256`, the `crypto.hmac.*` family and `crypto.hmac.equal`. */
export const cryptoHashBuiltins: readonly BuiltinDef[] = [
  hashDef("crypto.md5", "MD5", "MD5"),
  hashDef("crypto.sha1", "SHA-1", "SHA1"),
  hashDef("crypto.sha256", "SHA-256", "SHA256"),
  hmacDef("crypto.hmac.md5", "MD5", "MD5"),
  hmacDef("crypto.hmac.sha1", "SHA-1", "SHA1"),
  hmacDef("crypto.hmac.sha256", "SHA-256", "SHA256"),
  hmacDef("crypto.hmac.sha512", "SHA-512", "SHA512"),
  {
    decl: decl(
      "crypto.hmac.equal",
      [p("mac1", T.string, "mac1 to compare"), p("mac2", T.string, "mac2 to compare")],
      p("result", T.boolean, "`true` if the MACs are equals, `false` otherwise"),
    ),
    impl: (args) => {
      const a = argString(args, 0);
      const b = argString(args, 1);
      return bytesEqual(utf8Encode(a), utf8Encode(b));
    },
  },
];
