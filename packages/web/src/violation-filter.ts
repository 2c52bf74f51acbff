/** Which violations to list: still open, resolved by a later audit, or both. */
export type ViolationState = "open" | "resolved" | "all";

/** The filters of the violations page; "" means not set. */
export interface ViolationFilter {
  readonly constraint: string;
  readonly constraintKind: string;
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly action: string;
  readonly text: string;
  readonly state: ViolationState;
}

/** The text filters, in the order the form and the query show them. */
export const TEXT_FILTERS = [
  "constraint",
  "constraintKind",
  "namespace",
  "kind",
  "name",
  "action",
  "text",
] as const;

/** No filter: every open violation. */
export const NO_FILTER: ViolationFilter = {
  constraint: "",
  constraintKind: "",
  namespace: "",
  kind: "",
  name: "",
  action: "",
  text: "",
  state: "open",
};

/** The state named by `s`, `open` for anything else. */
export function parseState(s: string | null | undefined): ViolationState {
  return s === "resolved" || s === "all" ? s : "open";
}

/**
 * Reads a filter through `get` (a form's or a query's values by name), trimming each value; missing
 * ones are not set.
 */
export function readFilter(get: (name: string) => string | null | undefined): ViolationFilter {
  const text = (name: string): string => (get(name) ?? "").trim();
  return {
    constraint: text("constraint"),
    constraintKind: text("constraintKind"),
    namespace: text("namespace"),
    kind: text("kind"),
    name: text("name"),
    action: text("action"),
    text: text("text"),
    state: parseState(get("state")),
  };
}

/** The filter's set values as query parameters; the state only when it is not the default `open`. */
export function filterParams(filter: ViolationFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT_FILTERS) if (filter[key] !== "") params.set(key, filter[key]);
  if (filter.state !== "open") params.set("state", filter.state);
  return params;
}

/**
 * The query string of `GET /api/v1/violations` for one page: only the parameters that are set, as the
 * server answers 400 to empty or repeated ones; the state is always sent.
 */
export function violationsQuery(filter: ViolationFilter, limit: number, offset: number): string {
  const params = filterParams(filter);
  params.set("state", filter.state);
  params.set("limit", String(limit));
  params.set("offset", String(offset));
  return params.toString();
}

/** True when any filter is set, the state included when it is not `open`. */
export function isFiltered(filter: ViolationFilter): boolean {
  return TEXT_FILTERS.some((key) => filter[key] !== "") || filter.state !== "open";
}
