import {
  compareValues,
  fromJs,
  isArray,
  Policy,
  RegoError,
  RegoErrors,
  stringifyJson,
  Tracer,
  toJson,
  type Value,
} from "@portcullis/rego";
import type { OpaCase } from "./opa-cases.js";
import { conformanceBuiltins } from "./test-builtins.js";

/** The outcome of one case. */
export interface CaseOutcome {
  readonly ok: boolean;
  readonly message: string;
}

const FIXED_NOW = 1700000000123456789n;
const BUILTINS = conformanceBuiltins();

/**
 * Runs one OPA case through the public API and compares as OPA's runner does. `traced` evaluates
 * with a tracer, so every body runs through the traced interpreter (the results must not change).
 */
export function runCase(c: OpaCase, options: { traced?: boolean } = {}): CaseOutcome {
  let rows: Record<string, Value>[];
  try {
    const policy = new Policy({
      modules: c.modules.map((text, i) => ({ file: `test-${i}.rego`, text })),
      regoVersion: c.version,
      builtins: BUILTINS,
    });
    const input =
      c.inputTerm !== undefined
        ? termValue(c.inputTerm, c.version)
        : c.hasInput
          ? fromJs(c.input)
          : undefined;
    const prepared = policy.prepare(c.query, { regoVersion: c.version });
    rows = prepared
      .eval({
        ...(input !== undefined ? { input } : {}),
        data: fromJs(c.data ?? {}),
        strictBuiltinErrors: c.strictError,
        nowNs: FIXED_NOW,
        ...(options.traced === true ? { tracer: new Tracer() } : {}),
      })
      .map((r) => ({ ...r.bindings }));
  } catch (e: unknown) {
    return expectError(c, e);
  }
  if (c.wantError !== undefined || c.wantErrorCode !== undefined) {
    return {
      ok: false,
      message: `expected error ${c.wantErrorCode ?? ""} ${c.wantError ?? ""}, got ${rows.length} result(s)`,
    };
  }
  if (c.wantDefined !== undefined) {
    const ok = rows.length > 0 === c.wantDefined;
    return { ok, message: ok ? "" : `expected defined=${c.wantDefined}` };
  }
  const want = c.hasWantResult && c.wantResult !== null ? fromJs(c.wantResult) : [];
  const got = rows.map((r) => normalizeRow(r, c.sortBindings));
  const wantRows = (isArray(want) ? want : []).map((r) => normalizeRow(r, c.sortBindings));
  const ok = sameRows(got, wantRows);
  return {
    ok,
    message: ok ? "" : `want ${stringifyJson(wantRows)}\n got ${stringifyJson(got)}`,
  };
}

function termValue(text: string, version: 0 | 1): Value {
  const p = new Policy({ modules: [], regoVersion: version });
  const rows = p.prepare(`inputterm = ${text}`, { regoVersion: version }).eval();
  return rows[0]?.bindings.inputterm ?? null;
}

function expectError(c: OpaCase, e: unknown): CaseOutcome {
  const errs = e instanceof RegoErrors ? e.errors : e instanceof RegoError ? [e] : [];
  const text = e instanceof Error ? String(e instanceof RegoErrors ? e.message : e) : String(e);
  if (c.wantError === undefined && c.wantErrorCode === undefined) {
    return { ok: false, message: `unexpected error: ${text}` };
  }
  if (errs.length === 0)
    return { ok: false, message: `unexpected exception: ${e instanceof Error ? e.stack : text}` };
  if (c.wantErrorCode !== undefined && !errs.some((x) => x.code === c.wantErrorCode)) {
    return { ok: false, message: `want code ${c.wantErrorCode}, got ${text}` };
  }
  const want = c.wantError ?? "";
  if (
    c.wantError !== undefined &&
    !text.includes(want) &&
    !errs.some((x) => x.message.includes(want) || String(x).includes(want))
  ) {
    return { ok: false, message: `want error containing ${JSON.stringify(c.wantError)}, got ${text}` };
  }
  return { ok: true, message: "" };
}

/** Results become JSON (sets turn into arrays), then back to values, as OPA's runner compares them. */
function normalizeRow(row: Value | Record<string, Value>, sortBindings: boolean): Value {
  const json = fromJs(toJson(row as Value));
  if (!sortBindings || json === null || typeof json !== "object" || isArray(json)) return json;
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(json)) out[k] = isArray(v) ? [...v].sort(compareValues) : (v as Value);
  return out;
}

function sameRows(a: Value[], b: Value[]): boolean {
  const sa = dedupe(a);
  const sb = dedupe(b);
  if (sa.length !== sb.length) return false;
  return sa.every((x, i) => compareValues(x, sb[i] as Value) === 0);
}

function dedupe(rows: Value[]): Value[] {
  const sorted = [...rows].sort(compareValues);
  return sorted.filter((x, i) => i === 0 || compareValues(x, sorted[i - 1] as Value) !== 0);
}
