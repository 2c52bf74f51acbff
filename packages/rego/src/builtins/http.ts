import { formatValue } from "../value/format.js";
import {
  canonicalKey,
  isObject,
  type ObjectValue,
  objectEntries,
  objectGet,
  RegoSet,
  typeName,
  type Value,
} from "../value/value.js";
import { BuiltinError, BuiltinHaltError, errorMessage } from "./errors.js";
import type { BuiltinContext, BuiltinDef } from "./registry.js";
import { decl, p, T } from "./types.js";

/** The request fields `http.send` accepts (also the request of `providers.aws.sign_req`). */
export const ALLOWED_KEYS: ReadonlySet<string> = new Set([
  "method",
  "url",
  "body",
  "enable_redirect",
  "force_json_decode",
  "force_yaml_decode",
  "headers",
  "raw_body",
  "tls_use_system_certs",
  "tls_ca_cert",
  "tls_ca_cert_file",
  "tls_ca_cert_env_variable",
  "tls_client_cert",
  "tls_client_cert_file",
  "tls_client_cert_env_variable",
  "tls_client_key",
  "tls_client_key_file",
  "tls_client_key_env_variable",
  "tls_insecure_skip_verify",
  "tls_server_name",
  "timeout",
  "cache",
  "force_cache",
  "force_cache_duration_seconds",
  "raise_error",
  "caching_mode",
  "max_retry_attempts",
  "cache_ignored_headers",
]);

const STRING_KEYS = new Set([
  "method",
  "url",
  "raw_body",
  "tls_ca_cert",
  "tls_ca_cert_file",
  "tls_ca_cert_env_variable",
  "tls_client_cert",
  "tls_client_cert_file",
  "tls_client_cert_env_variable",
  "tls_client_key",
  "tls_client_key_file",
  "tls_client_key_env_variable",
  "tls_server_name",
]);

const BOOL_KEYS = new Set(["enable_redirect", "tls_use_system_certs", "tls_insecure_skip_verify"]);
const GO_BOOLS = new Set(["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"]);

/** Operand errors: OPA reports them as type errors naming operand 1. */
function operandError(message: string): BuiltinHaltError {
  return new BuiltinHaltError("eval_type_error", `operand 1 ${message}`);
}

/** OPA's request checks: allowed and required keys (operand errors). */
function checkKeys(req: ObjectValue): void {
  const keys = objectEntries(req).map(([k]) => k);
  const invalid = new RegoSet(keys.filter((k) => typeof k !== "string" || !ALLOWED_KEYS.has(k)));
  if (invalid.size > 0) throw operandError(`invalid request parameters(s): ${formatValue(invalid)}`);
  const missing = new RegoSet(["method", "url"].filter((k) => objectGet(req, k) === undefined));
  if (missing.size > 0) throw operandError(`missing required request parameters(s): ${formatValue(missing)}`);
}

/** Field checks OPA makes while building the request (plain errors). */
function checkFields(req: ObjectValue): void {
  for (const [k, v] of objectEntries(req)) {
    const key = k as string;
    if (STRING_KEYS.has(key) && typeof v !== "string")
      throw new BuiltinError(`${JSON.stringify(key)} must be a string`);
    if (BOOL_KEYS.has(key) && !GO_BOOLS.has(typeof v === "string" ? v : formatValue(v))) {
      throw new BuiltinError(`strconv.ParseBool: parsing ${JSON.stringify(formatValue(v))}: invalid syntax`);
    }
    if (key === "headers" && !isObject(v)) throw new BuiltinError("invalid type for headers key");
    if (key === "timeout" && typeof v !== "string" && typeof v !== "number" && typeof v !== "bigint") {
      throw new BuiltinError(`invalid timeout value ${formatValue(v)}: must be a string or number`);
    }
  }
}

function errorResult(message: string): Value {
  return { status_code: 0, error: { code: "eval_http_send_internal_error", message } };
}

function send(args: readonly Value[], ctx: BuiltinContext): Value {
  const req = args[0] ?? null;
  if (!isObject(req))
    throw new BuiltinHaltError("eval_type_error", `operand 1 must be object but got ${typeName(req)}`);
  const raise = objectGet(req, "raise_error") ?? true;
  if (typeof raise !== "boolean")
    throw new BuiltinHaltError("eval_builtin_error", "invalid value for raise_error field");
  try {
    checkKeys(req);
  } catch (err: unknown) {
    if (raise || !(err instanceof BuiltinHaltError)) throw err;
    return errorResult(`${err.code}: http.send: ${err.message}`);
  }
  const key = `http.send\u0000${canonicalKey(req)}`;
  const cached = ctx.queryCache.get(key);
  if (cached !== undefined) return cached as Value;
  let result: Value;
  try {
    checkFields(req);
    const transport = ctx.services.httpSend;
    if (transport === undefined) throw new BuiltinError("http.send is disabled");
    result = transport(req);
  } catch (err: unknown) {
    if (raise) throw err instanceof BuiltinError ? err : new BuiltinError(errorMessage(err));
    result = errorResult(errorMessage(err));
  }
  ctx.queryCache.set(key, result);
  return result;
}

/** `http.send`: validates the request as OPA does, then calls the host's transport (disabled without one). */
export const httpBuiltins: readonly BuiltinDef[] = [
  {
    decl: decl(
      "http.send",
      [p("request", T.objectOf(T.string, T.any), "the HTTP request object")],
      p("response", T.objectOf(T.any, T.any), "the HTTP response object"),
      { nondeterministic: true },
    ),
    impl: send,
  },
];
