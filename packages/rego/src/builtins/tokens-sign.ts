import { isPlainObject, ownValue, type Value } from "../value/value.js";
import { argString } from "./args.js";
import { base64Encode, RAW_URL_ENCODING } from "./crypto/base64.js";
import { utf8Encode } from "./crypto/bytes.js";
import { parseJwks } from "./crypto/jwk.js";
import { JWS_ALGORITHMS, signJws } from "./crypto/jws.js";
import { goJsonMarshal } from "./encoding/go-json-marshal.js";
import { GoJsonSyntaxError, goJsonParse, goJsonValid } from "./encoding/go-json-parse.js";
import { BuiltinError, errorMessage } from "./errors.js";
import type { BuiltinContext } from "./registry.js";

function headerString(headers: string, name: string): string {
  let v: Value;
  try {
    v = goJsonParse(headers);
  } catch (err: unknown) {
    if (!(err instanceof GoJsonSyntaxError)) throw err;
    throw new BuiltinError(`missing or invalid '${name}' header: failed to parse header: ${err.message}`);
  }
  const x = isPlainObject(v) ? ownValue(v, name) : undefined;
  if (x === undefined)
    throw new BuiltinError(`missing or invalid '${name}' header: header "${name}" not found`);
  if (typeof x !== "string")
    throw new BuiltinError(`missing or invalid '${name}' header: header "${name}" is not a string`);
  return x;
}

function optionalHeader(headers: string, name: string): string | undefined {
  try {
    return headerString(headers, name);
  } catch {
    return undefined;
  }
}

function encodeSign(headers: string, payload: string, jwk: string, ctx: BuiltinContext): string {
  let keys: ReturnType<typeof parseJwks>;
  try {
    keys = parseJwks(jwk);
  } catch (err: unknown) {
    throw new BuiltinError(errorMessage(err));
  }
  const key = keys[0];
  if (key === undefined) throw new BuiltinError("no keys found in JWK set");
  const alg = headerString(headers, "alg");
  if (!JWS_ALGORITHMS.has(alg)) throw new BuiltinError(`unknown JWS algorithm: ${alg}`);
  const typ = optionalHeader(headers, "typ");
  if ((typ === undefined || typ === "JWT") && !goJsonValid(payload)) {
    throw new BuiltinError("type is JWT but payload is not JSON");
  }
  const input = `${base64Encode(utf8Encode(headers), RAW_URL_ENCODING)}.${base64Encode(utf8Encode(payload), RAW_URL_ENCODING)}`;
  let sig: Uint8Array;
  try {
    sig = signJws(key.key, alg, utf8Encode(input), (n) => ctx.randomBytes(n));
  } catch (err: unknown) {
    throw new BuiltinError(errorMessage(err));
  }
  return `${input}.${base64Encode(sig, RAW_URL_ENCODING)}`;
}

/** `io.jwt.encode_sign_raw(headers, payload, key)`: all three as JSON text. */
export function encodeSignRaw(args: readonly Value[], ctx: BuiltinContext): Value {
  const jwk = argString(args, 2);
  const headers = argString(args, 0);
  const payload = argString(args, 1);
  return encodeSign(headers, payload, jwk, ctx);
}

/** `io.jwt.encode_sign(headers, payload, key)`: all three as objects, marshalled as Go does. */
export function encodeSignObjects(args: readonly Value[], ctx: BuiltinContext): Value {
  const [headers, payload, key] = [args[0] ?? null, args[1] ?? null, args[2] ?? null];
  return encodeSign(goJsonMarshal(headers), goJsonMarshal(payload), goJsonMarshal(key), ctx);
}
