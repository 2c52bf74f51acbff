import { cryptoHashBuiltins } from "./crypto-hash.js";
import { cryptoKeyBuiltins } from "./crypto-keys.js";
import { cryptoX509Builtins } from "./crypto-x509.js";
import type { BuiltinDef } from "./registry.js";

/** All of OPA's `crypto.*` builtins: hashes and HMACs, X.509 certificates and CSRs, private keys. */
export const cryptoBuiltins: readonly BuiltinDef[] = [
  ...cryptoHashBuiltins,
  ...cryptoX509Builtins,
  ...cryptoKeyBuiltins,
];
