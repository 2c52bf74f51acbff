import type { SourcePos } from "./ast-types.js";

/** One gqlparser error: its message and, when known, where it is. */
export interface GqlError {
  readonly message: string;
  readonly pos: SourcePos | undefined;
}

/** What failed: parsing, turning the schema document into a schema, query validation, or AST decoding. */
export type GqlFailureKind = "parse" | "schema" | "validation" | "decode";

/** A failed GraphQL step, carrying gqlparser's errors. */
export class GqlFailure extends Error {
  constructor(
    readonly kind: GqlFailureKind,
    readonly errors: readonly GqlError[],
  ) {
    super(errors[0]?.message ?? kind);
    this.name = "GqlFailure";
  }
}

/** gqlparser's `Error()` text of one error: `input:LINE:COL: message` (`input: message` without a location). */
export function gqlErrorText(e: GqlError): string {
  return e.pos === undefined ? `input: ${e.message}` : `input:${e.pos.line}:${e.pos.column}: ${e.message}`;
}

/**
 * The message OPA reports for a failure: parse and validation errors are reshaped into
 * `<message> in GraphQL string at location L:C` (validation errors are a list, each line ending in a
 * newline, of which OPA trims only the final `.\n`); schema conversion errors are prefixed.
 */
export function opaMessage(f: GqlFailure): string {
  switch (f.kind) {
    case "decode":
      return f.message;
    case "schema":
      return `Error in gqlparser SchemaDocument to Schema conversion: ${f.errors[0] ? gqlErrorText(f.errors[0]) : ""}`;
    case "parse":
      return reshape(f.errors[0] ? gqlErrorText(f.errors[0]) : "");
    case "validation":
      return reshape(f.errors.map((e) => `${gqlErrorText(e)}\n`).join(""));
  }
}

function reshape(text: string): string {
  const parts = splitN(text, ":", 4);
  if (parts.length >= 4) {
    const row = parts[1] ?? "";
    const col = parts[2] ?? "";
    if (/^\d+$/.test(row) && /^\d+$/.test(col)) {
      let msg = (parts[3] ?? "").replace(/^ +/, "");
      if (msg.endsWith(".\n")) msg = msg.slice(0, -2);
      return `${msg} in GraphQL string at location ${Number(row)}:${Number(col)}`;
    }
  }
  return `GraphQL parse error: ${text}`;
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
