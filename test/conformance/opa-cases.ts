import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";

/** One case of OPA's YAML conformance schema (v1/test/cases/cases.go). */
export interface OpaCase {
  readonly file: string;
  readonly note: string;
  readonly version: 0 | 1;
  readonly query: string;
  readonly modules: readonly string[];
  readonly data: unknown;
  readonly input: unknown;
  readonly inputTerm: string | undefined;
  readonly wantResult: unknown;
  readonly wantDefined: boolean | undefined;
  readonly wantError: string | undefined;
  readonly wantErrorCode: string | undefined;
  readonly strictError: boolean;
  readonly sortBindings: boolean;
  readonly hasInput: boolean;
  readonly hasWantResult: boolean;
}

/** Every `*.yaml` file below `dir`, sorted. */
export function findCaseFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".yaml") || name.endsWith(".yml")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The Rego version a case file is written in: the folder `v0` or `v1` on its path decides. */
export function versionOf(relPath: string): 0 | 1 {
  const parts = relPath.split(sep);
  return parts.includes("v0") ? 0 : 1;
}

/** Reads the cases of one file (big integers kept exact). */
export function readCases(dir: string, path: string): OpaCase[] {
  const file = relative(dir, path);
  const doc = parse(readFileSync(path, "utf8"), { intAsBigInt: true }) as { cases?: unknown[] } | null;
  const version = versionOf(file);
  return (doc?.cases ?? []).map((raw, i) => {
    const c = raw as Record<string, unknown>;
    return {
      file,
      note: typeof c.note === "string" ? c.note : `case ${i}`,
      version,
      query: typeof c.query === "string" ? c.query : "",
      modules: Array.isArray(c.modules) ? c.modules.map(String) : [],
      data: c.data,
      input: c.input,
      inputTerm: typeof c.input_term === "string" ? c.input_term : undefined,
      wantResult: c.want_result,
      wantDefined: typeof c.want_defined === "boolean" ? c.want_defined : undefined,
      wantError: typeof c.want_error === "string" ? c.want_error : undefined,
      wantErrorCode: typeof c.want_error_code === "string" ? c.want_error_code : undefined,
      strictError: c.strict_error === true,
      sortBindings: c.sort_bindings === true,
      hasInput: "input" in c,
      hasWantResult: "want_result" in c,
    };
  });
}
