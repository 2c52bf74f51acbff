/** Kubernetes' URL library: `url("https://host:8080/p?q=1")`, `isURL` and the getters. */
import { type CelFunc, CelScalar, celFunc, celMethod, listType, mapType } from "@bufbuild/cel";
import { CelEvalError } from "./errors.js";
import { opaqueKind } from "./opaque.js";

/** A URL parsed as Go's `url.ParseRequestURI` does: an absolute URI or an absolute path. */
export interface ParsedURL {
  readonly raw: string;
  readonly scheme: string;
  readonly host: string;
  readonly path: string;
  readonly query: string;
}

const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?]*))?([^?]*)(?:\?(.*))?$/s;

/** Parses a request URI; returns an error text when it is not one. */
export function parseURL(s: string): ParsedURL | string {
  if ([...s].some((c) => c < " " || c === "\x7f"))
    return `URL parse error during conversion from string: invalid character in URL`;
  if (s.startsWith("/")) {
    const q = s.indexOf("?");
    return {
      raw: s,
      scheme: "",
      host: "",
      path: q < 0 ? s : s.slice(0, q),
      query: q < 0 ? "" : s.slice(q + 1),
    };
  }
  const m = URI.exec(s);
  if (m === null)
    return `URL parse error during conversion from string: parse "${s}": invalid URI for request`;
  const [, scheme = "", host, path = "", query = ""] = m;
  if (host === undefined && path !== "" && !path.startsWith("/")) {
    // Opaque URIs such as mailto:x are accepted by Go with an empty host and path.
    return { raw: s, scheme, host: "", path: "", query };
  }
  const authority = host ?? "";
  return { raw: s, scheme, host: authority.slice(authority.lastIndexOf("@") + 1), path, query };
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

function queryMap(q: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (q === "") return out;
  for (const part of q.split("&")) {
    if (part === "" || part.includes(";")) continue;
    const eq = part.indexOf("=");
    const k = decode(eq < 0 ? part : part.slice(0, eq));
    const v = decode(eq < 0 ? "" : part.slice(eq + 1));
    const list = out.get(k);
    if (list === undefined) out.set(k, [v]);
    else list.push(v);
  }
  return out;
}

function escapePath(p: string): string {
  return p.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) => encodeURIComponent(c));
}

function mustURL(s: string): ParsedURL {
  const u = parseURL(s);
  if (typeof u === "string") throw new CelEvalError(u);
  return u;
}

/** The `kubernetes.URL` CEL type. */
export const URL_KIND = opaqueKind<ParsedURL>("kubernetes.URL", (u) => u.raw, mustURL);
const U = URL_KIND.type;
const { BOOL, STRING } = CelScalar;

/** The URL functions. */
export function urlFunctions(): CelFunc[] {
  const { wrap, unwrap } = URL_KIND;
  const getter = (name: string, get: (u: ParsedURL) => string): CelFunc =>
    celMethod(name, U, [], STRING, function () {
      return get(unwrap(this));
    });
  return [
    celFunc("url", [STRING], U, (s) => wrap(mustURL(s))),
    celFunc("isURL", [STRING], BOOL, (s) => typeof parseURL(s) !== "string"),
    celFunc("string", [U], STRING, (u) => unwrap(u).raw),
    getter("getScheme", (u) => u.scheme),
    getter("getHost", (u) => u.host),
    getter("getHostname", (u) => hostname(u.host)),
    getter("getPort", (u) => port(u.host)),
    getter("getEscapedPath", (u) => escapePath(u.path)),
    celMethod("getQuery", U, [], mapType(STRING, listType(STRING)), function () {
      return queryMap(unwrap(this).query);
    }),
  ];
}
