/**
 * Gatekeeper's Provider resource (`externaldata.gatekeeper.sh`), checked as frameworks'
 * `ProviderCache.Upsert` checks it, with the same messages.
 */
import { X509Certificate } from "node:crypto";
import { decodeStrictBase64, illegalBase64Message } from "./strict-base64.js";

/** API group of Gatekeeper's Provider. */
export const EXTERNAL_DATA_GROUP = "externaldata.gatekeeper.sh";

/** The apiVersions a Provider is read in. */
export const PROVIDER_API_VERSIONS: ReadonlySet<string> = new Set([
  `${EXTERNAL_DATA_GROUP}/v1beta1`,
  `${EXTERNAL_DATA_GROUP}/v1alpha1`,
]);

/**
 * `spec.timeout` when absent: the CRD has no default, so 0, with which Gatekeeper gives every call
 * a deadline already past. A Provider must say how long its provider has.
 */
export const DEFAULT_PROVIDER_TIMEOUT_SECONDS = 0;

/** A valid Provider: where to send keys, how long to wait, and the CA its certificate comes from. */
export interface Provider {
  readonly name: string;
  readonly url: string;
  /** 0: no timeout of the provider's own. */
  readonly timeoutSeconds: number;
  /** The decoded `spec.caBundle`: PEM text, possibly several certificates. */
  readonly caPem: string;
}

type Json = Record<string, unknown>;

type Parsed<T> = { readonly value: T } | { readonly problem: string };

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string field: "" when absent or null, a problem when of another type. */
function stringAt(o: Json, key: string, at: string): Parsed<string> {
  const v = o[key];
  if (v === undefined || v === null) return { value: "" };
  return typeof v === "string" ? { value: v } : { problem: `${at} must be a string` };
}

/** True for an apiVersion and kind that make a document a Provider. */
export function isProviderDocument(doc: Json): boolean {
  return (
    typeof doc.apiVersion === "string" && PROVIDER_API_VERSIONS.has(doc.apiVersion) && doc.kind === "Provider"
  );
}

function parseTimeout(spec: Json): Parsed<number> {
  const timeout = spec.timeout;
  if (timeout === undefined || timeout === null) return { value: DEFAULT_PROVIDER_TIMEOUT_SECONDS };
  if (typeof timeout !== "number" || !Number.isInteger(timeout))
    return { problem: "spec.timeout must be an integer" };
  if (timeout < 0) return { problem: `provider timeout should be a positive integer. value: ${timeout}` };
  return { value: timeout };
}

/** Go's `url.Parse` accepts a URL without a scheme; only its scheme matters here. */
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function checkHttps(url: string): string | undefined {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    if (!HAS_SCHEME.test(url)) return "only HTTPS scheme is supported for Providers";
    return `parse "${url}": invalid URI for request`;
  }
  return protocol === "https:" ? undefined : "only HTTPS scheme is supported for Providers";
}

/** The first PEM block of a bundle, whatever it holds. */
const PEM_BLOCK = /-----BEGIN ([^\n-]*)-----[\s\S]*?-----END \1-----/;

function parseCaBundle(caBundle: string): Parsed<string> {
  if (caBundle === "") return { problem: "caBundle should be set for HTTPS scheme" };
  const decoded = decodeStrictBase64(caBundle);
  if ("badByte" in decoded)
    return { problem: `failed to base64 decode caBundle: ${illegalBase64Message(decoded.badByte)}` };
  const pem = decoded.bytes.toString("utf8");
  const block = PEM_BLOCK.exec(pem);
  if (block === null) return { problem: "bad caBundle" };
  try {
    new X509Certificate(block[0]);
  } catch (e: unknown) {
    return { problem: `failed to parse caBundle: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { value: pem };
}

/**
 * Reads a Provider document (parsed YAML or JSON). Returns the Provider, or the first problem in
 * Gatekeeper's order: name, url, timeout, scheme, caBundle.
 */
export function parseProvider(doc: Json): { readonly provider: Provider } | { readonly problem: string } {
  if (!isProviderDocument(doc))
    return { problem: `not a Provider: apiVersion ${String(doc.apiVersion)}, kind ${String(doc.kind)}` };
  const name = stringAt(isObject(doc.metadata) ? doc.metadata : {}, "name", "metadata.name");
  if ("problem" in name) return name;
  if (name.value === "") return { problem: "provider name can not be empty. value " };
  const spec = isObject(doc.spec) ? doc.spec : {};
  const url = stringAt(spec, "url", "spec.url");
  if ("problem" in url) return url;
  if (url.value === "") return { problem: "invalid provider url. value: " };
  const timeout = parseTimeout(spec);
  if ("problem" in timeout) return timeout;
  const scheme = checkHttps(url.value);
  if (scheme !== undefined) return { problem: scheme };
  const caBundle = stringAt(spec, "caBundle", "spec.caBundle");
  if ("problem" in caBundle) return caBundle;
  const caPem = parseCaBundle(caBundle.value);
  if ("problem" in caPem) return caPem;
  return {
    provider: { name: name.value, url: url.value, timeoutSeconds: timeout.value, caPem: caPem.value },
  };
}
