import { parseOffset } from "./paging.js";
import { filterParams, NO_FILTER, readFilter, type ViolationFilter } from "./violation-filter.js";

/**
 * A page of the dashboard, as its location hash names it. `q` is a list's text filter; `offset` the
 * first violation shown.
 */
export type Route =
  | { readonly page: "overview" }
  | { readonly page: "templates"; readonly q: string }
  | { readonly page: "template"; readonly name: string }
  | { readonly page: "constraints"; readonly q: string }
  | { readonly page: "constraint"; readonly kind: string; readonly name: string; readonly offset: number }
  | { readonly page: "violations"; readonly filter: ViolationFilter; readonly offset: number }
  | { readonly page: "review" }
  | { readonly page: "not-found"; readonly path: string };

/** The name of a route's page, as its root's `data-page` carries it. */
export type PageName = Route["page"];

/** The part of a hash after `#`, split at the first `?`. */
function splitHash(hash: string): { path: string; query: URLSearchParams } {
  const bare = hash.startsWith("#") ? hash.slice(1) : hash;
  const q = bare.indexOf("?");
  return q < 0
    ? { path: bare, query: new URLSearchParams() }
    : { path: bare.slice(0, q), query: new URLSearchParams(bare.slice(q + 1)) };
}

/**
 * The route of a location hash such as `#/constraints/K8sRequiredLabels/must-have-owner?offset=50`.
 * Path segments are percent-decoded one by one, so a name may hold `/` as `%2F`; unknown query
 * parameters are ignored; anything else unknown is the not-found route.
 */
export function parseHash(hash: string): Route {
  const { path, query } = splitHash(hash);
  const notFound: Route = { page: "not-found", path };
  let segments: string[];
  try {
    segments = path
      .split("/")
      .filter((s) => s !== "")
      .map((s) => decodeURIComponent(s));
  } catch {
    return notFound;
  }
  const [first, second, third, ...rest] = segments;
  if (rest.length > 0) return notFound;
  switch (first) {
    case undefined:
      return { page: "overview" };
    case "templates":
      if (third !== undefined) return notFound;
      return second === undefined
        ? { page: "templates", q: query.get("q") ?? "" }
        : { page: "template", name: second };
    case "constraints":
      if (second === undefined) return { page: "constraints", q: query.get("q") ?? "" };
      if (third === undefined) return notFound;
      return { page: "constraint", kind: second, name: third, offset: parseOffset(query.get("offset")) };
    case "violations":
      if (second !== undefined) return notFound;
      return {
        page: "violations",
        filter: readFilter((k) => query.get(k)),
        offset: parseOffset(query.get("offset")),
      };
    case "review":
      return second === undefined ? { page: "review" } : notFound;
    default:
      return notFound;
  }
}

/** `path?query`, without the `?` when there is no query. */
function withQuery(path: string, query: URLSearchParams): string {
  const q = query.toString();
  return q === "" ? path : `${path}?${q}`;
}

/** Query parameters with only the ones whose value is not empty or zero. */
function params(entries: Record<string, string | number>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) if (v !== "" && v !== 0) p.set(k, String(v));
  return p;
}

/** The location hash of a route, the inverse of {@link parseHash}. */
export function routeHash(route: Route): string {
  const seg = encodeURIComponent;
  switch (route.page) {
    case "overview":
      return "#/";
    case "templates":
      return withQuery("#/templates", params({ q: route.q }));
    case "template":
      return `#/templates/${seg(route.name)}`;
    case "constraints":
      return withQuery("#/constraints", params({ q: route.q }));
    case "constraint":
      return withQuery(
        `#/constraints/${seg(route.kind)}/${seg(route.name)}`,
        params({ offset: route.offset }),
      );
    case "violations": {
      const query = filterParams(route.filter);
      if (route.offset !== 0) query.set("offset", String(route.offset));
      return withQuery("#/violations", query);
    }
    case "review":
      return "#/review";
    case "not-found":
      return `#${route.path}`;
  }
}

/** The hash of a template's page; a template's name is its kind lowercased, as Gatekeeper requires. */
export function templateHashOfKind(kind: string): string {
  return routeHash({ page: "template", name: kind.toLowerCase() });
}

/** The hash of a constraint's page. */
export function constraintHash(kind: string, name: string): string {
  return routeHash({ page: "constraint", kind, name, offset: 0 });
}

/** The hash of the violations page with these filters set (the rest unset). */
export function violationsHash(filter: Partial<ViolationFilter>, offset = 0): string {
  return routeHash({ page: "violations", filter: { ...NO_FILTER, ...filter }, offset });
}

/** The top-level section a route belongs to, for the navigation bar. */
export function sectionOf(
  route: Route,
): "overview" | "templates" | "constraints" | "violations" | "review" | null {
  switch (route.page) {
    case "overview":
      return "overview";
    case "templates":
    case "template":
      return "templates";
    case "constraints":
    case "constraint":
      return "constraints";
    case "violations":
      return "violations";
    case "review":
      return "review";
    case "not-found":
      return null;
  }
}
