import {
  type JsonValue,
  type Module,
  Policy,
  type PreparedQuery,
  type RegoVersion,
  type Tracer,
  toJson,
  type Value,
} from "@portcullis/rego";
import { type Problem, toProblems, unlabelQueryProblems } from "./errors.js";
import { functionInfo } from "./function-info.js";
import { planQuery, type QueryPlan } from "./query-plan.js";

/** What to evaluate. */
export interface EvalQueryRequest {
  readonly query: string;
  readonly modules: readonly Module[];
  readonly data: Value;
  readonly input?: Value;
  readonly version: RegoVersion;
  readonly strictBuiltinErrors?: boolean;
  readonly print?: (message: string) => void;
  /** Records the evaluation (`--explain`); evaluation then runs through the interpreter. */
  readonly tracer?: Tracer;
}

/** One expression's value in a result, as in `opa eval`'s JSON. */
export interface ExpressionValue {
  readonly value: JsonValue;
  readonly text: string;
  readonly location: { readonly row: number; readonly col: number };
}

/** One solution of the query. */
export interface EvalResult {
  readonly expressions: readonly ExpressionValue[];
  /** Values of the query's variables; absent when it has none. */
  readonly bindings: Readonly<Record<string, JsonValue>> | undefined;
}

/** The outcome of `opa eval`: results (empty when undefined) or the errors that stopped it. */
export type EvalOutcome =
  | { readonly kind: "result"; readonly results: readonly EvalResult[] }
  | { readonly kind: "errors"; readonly errors: readonly Problem[] };

/** Compiles the modules, plans and prepares the query, evaluates it once. Never throws. */
export function evaluateQuery(request: EvalQueryRequest): EvalOutcome {
  let policy: Policy;
  let plan: QueryPlan;
  let prepared: PreparedQuery;
  try {
    policy = new Policy({ parsed: request.modules });
    plan = planQuery(request.query, request.version, functionInfo(request.modules));
    prepared = policy.prepare(plan.original, { regoVersion: request.version });
  } catch (e: unknown) {
    return { kind: "errors", errors: unlabelQueryProblems(toProblems(e)) };
  }
  if (plan.rewritten !== plan.original) {
    try {
      prepared = policy.prepare(plan.rewritten, { regoVersion: request.version, text: plan.original });
    } catch {
      plan = {
        ...plan,
        rewritten: plan.original,
        captures: new Set(),
        expressions: plan.expressions.map((x) => ({ ...x, capture: undefined })),
      };
    }
  }
  let rows: ReturnType<PreparedQuery["eval"]>;
  try {
    rows = prepared.eval({
      ...(request.input !== undefined ? { input: request.input } : {}),
      data: request.data,
      strictBuiltinErrors: request.strictBuiltinErrors ?? false,
      ...(request.print !== undefined ? { print: request.print } : {}),
      ...(request.tracer !== undefined ? { tracer: request.tracer } : {}),
    });
  } catch (e: unknown) {
    return { kind: "errors", errors: unlabelQueryProblems(toProblems(e)) };
  }
  const captures = plan.captures;
  const results = rows.map((row): EvalResult => {
    const expressions = plan.expressions.map((x): ExpressionValue => {
      const captured = x.capture !== undefined ? row.bindings[x.capture] : undefined;
      return {
        value: captured !== undefined ? toJson(captured) : true,
        text: x.text,
        location: { row: x.row, col: x.col },
      };
    });
    const names = Object.keys(row.bindings).filter((n) => !captures.has(n));
    if (names.length === 0) return { expressions, bindings: undefined };
    const bindings: Record<string, JsonValue> = {};
    for (const n of names) {
      const v = row.bindings[n];
      if (v !== undefined) Object.defineProperty(bindings, n, { value: toJson(v), enumerable: true });
    }
    return { expressions, bindings };
  });
  return { kind: "result", results };
}
