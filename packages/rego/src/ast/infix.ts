/**
 * The builtins Rego writes as infix operators, by name: `equal` is `==`, `plus` is `+`, …
 * (`eq` and `assign` are unification and assignment).
 */
export const INFIX_OPERATORS: Readonly<Record<string, string>> = {
  eq: "=",
  assign: ":=",
  equal: "==",
  neq: "!=",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
  plus: "+",
  minus: "-",
  mul: "*",
  div: "/",
  rem: "%",
  and: "&",
  or: "|",
};
