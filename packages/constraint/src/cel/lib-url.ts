/** Kubernetes' URL library: `url("https://host:8080/p?q=1")`, `isURL` and the getters. */
import { CelEvalError } from "./errors.js";
import { type FunctionTable, NO_OVERLOAD } from "./functions.js";
import { utf8Encode } from "./utf8.js";
import { type CelMap, CelOpaque, type CelValue } from "./values.js";

/** A URL parsed as Go's `url.ParseRequestURI` does: an absolute URI or an absolute path. */
export class CelURL extends CelOpaque {
  readonly typeName = "kubernetes.URL";
  constructor(
    readonly raw: string,
    readonly scheme: string,
    readonly host: string,
    readonly path: string,
    readonly query: string,
  ) {
    super();
  }
  equals(other: CelOpaque): boolean {
    return other instanceof CelURL && other.raw === this.raw;
  }
  override text(): string {
    return this.raw;
  }
}

const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?]*))?([^?]*)(?:\?(.*))?$/s;

/** Parses a request URI; returns an error text when it is not one. */
export function parseURL(s: string): CelURL | string {
  if ([...s].some((c) => c < " " || c === "\x7f"))
    return `URL parse error during conversion from string: invalid character in URL`;
  if (s.startsWith("/")) {
    const q = s.indexOf("?");
    return new CelURL(s, "", "", q < 0 ? s : s.slice(0, q), q < 0 ? "" : s.slice(q + 1));
  }
  const m = URI.exec(s);
  if (m === null)
    return `URL parse error during conversion from string: parse "${s}": invalid URI for request`;
  const [, scheme = "", host, path = "", query = ""] = m;
  if (host === undefined && path !== "" && !path.startsWith("/")) {
    // Opaque URIs such as mailto:x are accepted by Go with an empty host and path.
    return new CelURL(s, scheme, "", "", query);
  }
  const authority = host ?? "";
  return new CelURL(s, scheme, authority.slice(authority.lastIndexOf("@") + 1), path, query);
}

function hostname(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end < 0 ? host : host.slice(1, end);
  }
  const colon = host.lastIndexOf(":");
  return colon < 0 ? host : host.slice(0, colon);
}

function port(host: string): string {
  const close = host.lastIndexOf("]");
  const colon = host.lastIndexOf(":");
  return colon > close && (host.startsWith("[") || host.indexOf(":") === colon) ? host.slice(colon + 1) : "";
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

function queryMap(q: string): CelMap {
  const out: CelMap = new Map();
  if (q === "") return out;
  for (const part of q.split("&")) {
    if (part === "" || part.includes(";")) continue;
    const eq = part.indexOf("=");
    const k = decode(eq < 0 ? part : part.slice(0, eq));
    const v = decode(eq < 0 ? "" : part.slice(eq + 1));
    const list = out.get(k);
    out.set(k, Array.isArray(list) ? [...list, v] : [v]);
  }
  return out;
}

function escapePath(p: string): string {
  return p.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (c) =>
    [...utf8Encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

/** Registers `url`, `isURL` and the URL getters. */
export function registerURL(t: FunctionTable): void {
  t.global("url", ([s]) => {
    if (typeof s !== "string") return NO_OVERLOAD;
    const u = parseURL(s);
    if (typeof u === "string") throw new CelEvalError(u);
    return u;
  });
  t.global("isURL", ([s]) => (typeof s === "string" ? typeof parseURL(s) !== "string" : NO_OVERLOAD));
  const getter = (name: string, get: (u: CelURL) => CelValue): void => {
    t.member(name, ([u]) => (u instanceof CelURL ? get(u) : NO_OVERLOAD));
  };
  getter("getScheme", (u) => u.scheme);
  getter("getHost", (u) => u.host);
  getter("getHostname", (u) => hostname(u.host));
  getter("getPort", (u) => port(u.host));
  getter("getEscapedPath", (u) => escapePath(u.path));
  getter("getQuery", (u) => queryMap(u.query));
}
