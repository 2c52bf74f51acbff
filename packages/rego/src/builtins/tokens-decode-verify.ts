import { formatValue } from "../value/format.js";
import { isArray, isNumber, objectEntries, ownValue, type PlainObject, type Value } from "../value/value.js";
import { argObject } from "./args.js";
import { utf8Encode } from "./crypto/bytes.js";
import { verifyJws } from "./crypto/jws.js";
import { BuiltinError } from "./errors.js";
import type { BuiltinContext } from "./registry.js";
import {
  decodeHeader,
  decodePayload,
  decodeSignature,
  headerValid,
  jsonObject,
  keysFromCertOrJwk,
  parseTokenHeader,
  splitJwt,
  type VerificationKey,
  verifyWithKeys,
} from "./tokens-jwt.js";

interface Constraints {
  secret: string;
  alg: string;
  iss: string;
  aud: string;
  keys: VerificationKey[] | undefined;
  time: number;
}

function timeFrom(v: Value): number {
  if (!isNumber(v)) throw new BuiltinError("token time constraint: must be a number");
  const t = Number(v);
  if (t < 0) throw new BuiltinError("token time constraint: must not be negative");
  return t;
}

function parseConstraints(o: ReturnType<typeof argObject>, now: bigint): Constraints {
  const c: Constraints = { secret: "", alg: "", iss: "", aud: "", keys: undefined, time: -1 };
  for (const [k, v] of objectEntries(o)) {
    const name = typeof k === "string" ? k : formatValue(k);
    switch (name) {
      case "cert":
        if (typeof v !== "string") throw new BuiltinError("cert constraint: must be a string");
        c.keys = keysFromCertOrJwk(v);
        break;
      case "secret":
      case "alg":
      case "iss":
      case "aud":
        if (typeof v !== "string") throw new BuiltinError(`${name} constraint: must be a string`);
        c[name] = v;
        break;
      case "time":
        c.time = timeFrom(v);
        break;
      default:
        throw new BuiltinError(`unknown token validation constraint: ${name}`);
    }
  }
  if (c.time === -1) c.time = Number(now);
  const keys = (c.keys !== undefined ? 1 : 0) + (c.secret !== "" ? 1 : 0);
  if (keys > 1) throw new BuiltinError("duplicate key constraints");
  if (keys < 1) throw new BuiltinError("no key constraint");
  return c;
}

function validAudience(c: Constraints, aud: Value): boolean {
  if (typeof aud === "string") return aud === c.aud;
  return isArray(aud) && aud.some((e) => e === c.aud);
}

function claimsHold(c: Constraints, payload: PlainObject): boolean {
  if (c.iss !== "" && ownValue(payload, "iss") !== c.iss) return false;
  const aud = ownValue(payload, "aud");
  if (aud !== undefined ? !validAudience(c, aud) : c.aud !== "") return false;
  const seconds = c.time / 1e9;
  const exp = ownValue(payload, "exp");
  if (exp !== undefined) {
    if (!isNumber(exp)) throw new BuiltinError("exp value must be a number");
    if (!(seconds < exp)) return false;
  }
  const nbf = ownValue(payload, "nbf");
  if (nbf !== undefined) {
    if (!isNumber(nbf)) throw new BuiltinError("nbf value must be a number");
    if (seconds < nbf) return false;
  }
  return true;
}

const UNVERIFIED: Value = [false, {}, {}];

/** `io.jwt.decode_verify(jwt, constraints)`: `[valid, header, payload]`. */
export function decodeVerify(args: readonly Value[], ctx: BuiltinContext): Value {
  const c = parseConstraints(argObject(args, 1), ctx.nowNs());
  let jwt: Value | undefined = args[0];
  let header: PlainObject;
  let payloadText: string;
  for (;;) {
    const token = splitJwt(jwt);
    header = decodeHeader(token);
    const h = parseTokenHeader(header);
    if (!headerValid(h)) return UNVERIFIED;
    if (c.alg !== "" && c.alg !== h.alg) return UNVERIFIED;
    const sig = decodeSignature(token);
    const input = utf8Encode(`${token.header}.${token.payload}`);
    const ok =
      c.keys !== undefined
        ? verifyWithKeys(c.keys, h, (key) => verifyJws(key, h.alg, input, sig))
        : verifyJws({ kind: "secret", bytes: utf8Encode(c.secret) }, h.alg, input, sig);
    if (!ok) return UNVERIFIED;
    payloadText = decodePayload(token);
    if (h.cty.toLowerCase() !== "jwt") break;
    jwt = payloadText;
  }
  const payload = jsonObject(payloadText);
  if (!claimsHold(c, payload)) return UNVERIFIED;
  return [true, header, payload];
}
