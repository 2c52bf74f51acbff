import { type JsonValue, RegoError } from "@portcullis/rego";
import { formatProblems, type Problem } from "./errors.js";
import type { EvalOutcome, EvalResult } from "./evaluate-query.js";
import { formatTable } from "./format-table.js";
import { type GoJson, GoStruct, goJson } from "./go-json.js";

/** OPA's `--pretty-limit` default: longer table cells are cut and end in `...`. */
export const PRETTY_LIMIT = 80;

/**
 * `opa eval --format json`: `{"result": […]}`, `{}` when undefined, `{"errors": […]}` on errors;
 * with `--explain`, the trace's lines as `explanation`.
 */
export function formatEvalJson(outcome: EvalOutcome, explanation: readonly string[] = []): string {
  const explained = explanation.length > 0 ? [...explanation] : undefined;
  if (outcome.kind === "errors")
    return `${goJson(
      new GoStruct([
        ["errors", outcome.errors.map(errorJson)],
        ["explanation", explained],
      ]),
      "  ",
    )}\n`;
  const result = outcome.results.length > 0 ? outcome.results.map(resultJson) : undefined;
  return `${goJson(
    new GoStruct([
      ["result", result],
      ["explanation", explained],
    ]),
    "  ",
  )}\n`;
}

/**
 * `opa eval --format pretty`: the errors as text, `undefined`, the single value as indented JSON,
 * or a table with a column per variable (and per non-boolean expression).
 */
export function formatEvalPretty(outcome: EvalOutcome): string {
  if (outcome.kind === "errors") return `${formatProblems(outcome.errors)}\n`;
  const results = outcome.results;
  const first = results[0];
  if (first === undefined) return "undefined\n";
  const only = first.expressions[0];
  if (results.length === 1 && first.bindings === undefined && only !== undefined) {
    if (first.expressions.length === 1 || first.expressions.every((x) => typeof x.value === "boolean")) {
      return `${goJson(only.value, "  ")}\n`;
    }
  }
  const columns = tableColumns(first);
  if (columns.length === 0) return "";
  const rows = results.map((r) => columns.map((c) => limit(goJson(c.select(r) ?? null))));
  return formatTable(
    columns.map((c) => c.title),
    rows,
  );
}

interface Column {
  readonly title: string;
  select(r: EvalResult): JsonValue | undefined;
}

function tableColumns(first: EvalResult): Column[] {
  const vars = Object.keys(first.bindings ?? {}).sort();
  const columns: Column[] = vars.map((name) => ({ title: name, select: (r) => r.bindings?.[name] }));
  first.expressions.forEach((x, i) => {
    if (typeof x.value !== "boolean" || vars.length === 0) {
      columns.push({ title: x.text, select: (r) => r.expressions[i]?.value });
    }
  });
  return columns;
}

function limit(s: string): string {
  return s.length > PRETTY_LIMIT ? `${s.slice(0, PRETTY_LIMIT)}...` : s;
}

function resultJson(r: EvalResult): GoJson {
  const expressions = r.expressions.map(
    (x) =>
      new GoStruct([
        ["value", x.value],
        ["text", x.text],
        [
          "location",
          new GoStruct([
            ["row", x.location.row],
            ["col", x.location.col],
          ]),
        ],
      ]),
  );
  return new GoStruct([
    ["expressions", expressions],
    ["bindings", r.bindings !== undefined ? { ...r.bindings } : undefined],
  ]);
}

/** An error as OPA's presentation package writes it: message, code, location. */
export function errorJson(p: Problem): GoJson {
  if (!(p instanceof RegoError))
    return new GoStruct([
      ["message", p.message],
      ["code", p.code],
    ]);
  const loc = p.location;
  return new GoStruct([
    ["message", p.message],
    ["code", p.code],
    [
      "location",
      loc !== undefined
        ? new GoStruct([
            ["file", loc.file],
            ["row", loc.row],
            ["col", loc.col],
          ])
        : undefined,
    ],
    ["details", p.details],
  ]);
}

/** `--format values`: per result, the array of expression values as indented JSON. */
export function formatEvalValues(outcome: EvalOutcome): string {
  if (outcome.kind === "errors") return `${formatProblems(outcome.errors)}\n`;
  return outcome.results
    .map(
      (r) =>
        `${goJson(
          r.expressions.map((x) => x.value),
          "  ",
        )}\n`,
    )
    .join("");
}

/** `--format bindings`: per result, its bindings as indented JSON (`null` when it has none). */
export function formatEvalBindings(outcome: EvalOutcome): string {
  if (outcome.kind === "errors") return `${formatProblems(outcome.errors)}\n`;
  return outcome.results
    .map((r) => `${goJson(r.bindings !== undefined ? { ...r.bindings } : null, "  ")}\n`)
    .join("");
}

/** `--format raw`: per result a line of its expression values, strings unquoted, others compact JSON. */
export function formatEvalRaw(outcome: EvalOutcome): string {
  if (outcome.kind === "errors") return `${formatProblems(outcome.errors)}\n`;
  return outcome.results
    .map(
      (r) =>
        `${r.expressions.map((x) => (typeof x.value === "string" ? x.value : goJson(x.value))).join(" ")}\n`,
    )
    .join("");
}

/** The output formats of `rego eval`. */
export const EVAL_FORMATS = ["json", "pretty", "values", "bindings", "raw"] as const;
/** One of {@link EVAL_FORMATS}. */
export type EvalFormat = (typeof EVAL_FORMATS)[number];

/**
 * Formats an outcome in one of the {@link EVAL_FORMATS}. An explanation (`--explain`, trace
 * lines) is part of the JSON; the other formats print it first, as `opa eval` does for pretty.
 */
export function formatEval(
  outcome: EvalOutcome,
  format: EvalFormat,
  explanation: readonly string[] = [],
): string {
  if (format === "json") return formatEvalJson(outcome, explanation);
  const explained = explanation.length > 0 ? `${explanation.join("\n")}\n` : "";
  return explained + formatEvalOnly(outcome, format);
}

function formatEvalOnly(outcome: EvalOutcome, format: Exclude<EvalFormat, "json">): string {
  switch (format) {
    case "pretty":
      return formatEvalPretty(outcome);
    case "values":
      return formatEvalValues(outcome);
    case "bindings":
      return formatEvalBindings(outcome);
    case "raw":
      return formatEvalRaw(outcome);
  }
}
