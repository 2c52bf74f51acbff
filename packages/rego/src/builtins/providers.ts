import { formatValue } from "../value/format.js";
import {
  compareStrings,
  isObject,
  ObjectBuilder,
  type ObjectValue,
  objectEntries,
  objectGet,
  RegoSet,
  typeName,
  type Value,
} from "../value/value.js";
import { toHex, utf8Encode } from "./crypto/bytes.js";
import { digest, hmacDigest } from "./crypto/hash.js";
import { goJsonMarshal } from "./encoding/go-json-marshal.js";
import { OperandTypeError } from "./errors.js";
import { ALLOWED_KEYS } from "./http.js";
import type { BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

const REQUIRED_CONFIG = ["aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"];
const ALLOWED_REQUEST_KEYS = ALLOWED_KEYS;
const IGNORED_HEADERS = new Set(["authorization", "user-agent", "x-amzn-trace-id"]);

function str(v: Value | undefined): string {
  return typeof v === "string" ? v : "";
}

function objectOperand(args: readonly Value[], i: number, pos: number): ObjectValue {
  const v = args[i] ?? null;
  if (!isObject(v)) throw OperandTypeError.mustBe(pos, typeName(v), "object");
  return v;
}

function checkConfig(cfg: ObjectValue): void {
  const missing = new RegoSet(REQUIRED_CONFIG.filter((k) => objectGet(cfg, k) === undefined));
  if (missing.size > 0)
    throw new OperandTypeError(2, `missing required AWS config parameters(s): ${formatValue(missing)}`);
  const invalid = new RegoSet(REQUIRED_CONFIG.filter((k) => typeof objectGet(cfg, k) !== "string"));
  if (invalid.size > 0)
    throw new OperandTypeError(
      2,
      `invalid values for required AWS config parameters(s): ${formatValue(invalid)}`,
    );
}

function checkRequest(req: ObjectValue): void {
  const keys = objectEntries(req).map(([k]) => k);
  const invalid = new RegoSet(keys.filter((k) => typeof k !== "string" || !ALLOWED_REQUEST_KEYS.has(k)));
  if (invalid.size > 0)
    throw new OperandTypeError(1, `invalid request parameters(s): ${formatValue(invalid)}`);
  const missing = new RegoSet(["method", "url"].filter((k) => objectGet(req, k) === undefined));
  if (missing.size > 0)
    throw new OperandTypeError(1, `missing required request parameters(s): ${formatValue(missing)}`);
}

function splitUrl(raw: string): { host: string; path: string; query: string } {
  let rest = raw.replace(/#.*$/s, "");
  let query = "";
  const q = rest.indexOf("?");
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/]*)(.*)$/s.exec(rest);
  if (m === null) return { host: "", path: rest, query };
  const authority = m[1] as string;
  return { host: authority.slice(authority.lastIndexOf("@") + 1), path: m[2] as string, query };
}

function amzTime(ns: bigint): { date: string; stamp: string } {
  const d = new Date(Number(ns / 1000000n));
  const iso = d.toISOString();
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return { date: stamp.slice(0, 8), stamp };
}

function signReq(args: readonly Value[]): Value {
  const req = objectOperand(args, 0, 1);
  const cfg = objectOperand(args, 1, 1);
  checkConfig(cfg);
  const service = str(objectGet(cfg, "aws_service"));
  const access = str(objectGet(cfg, "aws_access_key"));
  const secret = str(objectGet(cfg, "aws_secret_access_key"));
  const region = str(objectGet(cfg, "aws_region"));
  const token = str(objectGet(cfg, "aws_session_token"));
  const t = args[2] ?? null;
  if (typeof t !== "number" && typeof t !== "bigint") throw OperandTypeError.mustBe(1, typeName(t), "number");
  if (typeof t === "number" && !Number.isInteger(t))
    throw new OperandTypeError(3, "could not convert time_ns value into a unix timestamp");
  checkRequest(req);
  const headersIn = objectGet(req, "headers") ?? {};
  if (!isObject(headersIn)) throw OperandTypeError.mustBe(0, typeName(headersIn), "object");
  const badParams = new RegoSet(["url", "method"].filter((k) => typeof objectGet(req, k) !== "string"));
  if (badParams.size > 0)
    throw new OperandTypeError(
      1,
      `invalid values for required request parameters(s): ${formatValue(badParams)}`,
    );
  const url = splitUrl(str(objectGet(req, "url")));
  const method = str(objectGet(req, "method"));
  const rawBody = objectGet(req, "raw_body");
  const body = objectGet(req, "body");
  const bodyText = rawBody !== undefined ? str(rawBody) : body !== undefined ? goJsonMarshal(body) : "";
  const unsigned = objectGet(cfg, "disable_payload_signing");
  if (unsigned !== undefined && typeof unsigned !== "boolean")
    throw new OperandTypeError(2, "invalid value for 'disable_payload_signing' in AWS config");
  const payloadHash = unsigned === true ? "UNSIGNED-PAYLOAD" : toHex(digest("SHA-256", utf8Encode(bodyText)));
  const { date, stamp } = amzTime(typeof t === "bigint" ? t : BigInt(t));
  const awsHeaders: [string, string][] = [
    ["host", url.host],
    ["x-amz-date", stamp],
  ];
  if (service === "s3" || service === "glacier" || unsigned === true)
    awsHeaders.push(["x-amz-content-sha256", payloadHash]);
  if (token !== "") awsHeaders.push(["x-amz-security-token", token]);
  const original: [string, string][] = objectEntries(headersIn).map(([k, v]) => [str(k), str(v)]);
  const toSign = new Map<string, string>(awsHeaders);
  for (const [k, v] of original) if (!IGNORED_HEADERS.has(k.toLowerCase())) toSign.set(k.toLowerCase(), v);
  const names = [...toSign.keys()].sort(compareStrings);
  let canonical = `${method}\n${url.path}\n${url.query}\n`;
  for (const n of names) canonical += `${n}:${toSign.get(n) ?? ""}\n`;
  const signedHeaders = names.join(";");
  canonical += `\n${signedHeaders}\n${payloadHash}`;
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSignText = `AWS4-HMAC-SHA256\n${stamp}\n${scope}\n${toHex(digest("SHA-256", utf8Encode(canonical)))}`;
  let key = hmacDigest("SHA-256", utf8Encode(`AWS4${secret}`), utf8Encode(date));
  for (const part of [region, service, "aws4_request"]) key = hmacDigest("SHA-256", key, utf8Encode(part));
  const signature = toHex(hmacDigest("SHA-256", key, utf8Encode(toSignText)));
  const headers = new ObjectBuilder();
  for (const [k, v] of original) headers.set(k, v);
  headers.set(
    "Authorization",
    `AWS4-HMAC-SHA256 Credential=${access}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
  );
  for (const [k, v] of awsHeaders) headers.set(k, v);
  const out = new ObjectBuilder();
  for (const [k, v] of objectEntries(req)) out.set(k, v);
  out.set("headers", headers.build());
  return out.build();
}

/** `providers.aws.sign_req`: AWS Signature Version 4 (Authorization header method). */
export const providersBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "providers.aws.sign_req",
      [
        p("request", T.objectOf(T.string, T.any), "HTTP request object"),
        p("aws_config", T.objectOf(T.string, T.any), "AWS configuration object"),
        p("time_ns", T.number, "nanoseconds since the epoch"),
      ],
      p("signed_request", T.objectOf(T.any, T.any), "HTTP request object with `Authorization` header"),
    ),
    impl: signReq,
  },
];
