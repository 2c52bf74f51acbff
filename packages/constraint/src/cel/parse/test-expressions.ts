/// <reference types="node" />
/**
 * Test helper: the CEL expressions of the gatekeeper-library templates (every `expression` and
 * `messageExpression` string under `spec.targets[].code[].source`: variables, validations, match
 * conditions). Used by the tests and benchmarks only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

/** The library's root directory (`/work/shared/…/library` next to the repository). */
export const LIBRARY = new URL(
  "../../../../../../shared/conformance/gatekeeper-library/library/",
  import.meta.url,
).pathname;

function templateFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...templateFiles(path));
    else if (entry.name === "template.yaml") out.push(path);
  }
  return out.sort();
}

function collect(v: unknown, out: string[]): void {
  if (Array.isArray(v)) {
    for (const x of v) collect(x, out);
    return;
  }
  if (typeof v !== "object" || v === null) return;
  for (const [key, x] of Object.entries(v)) {
    if ((key === "expression" || key === "messageExpression") && typeof x === "string") out.push(x);
    else collect(x, out);
  }
}

function field(v: unknown, key: string): unknown {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)[key]
    : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The CEL expressions of the library's templates, in file order. */
export function libraryExpressions(root: string = LIBRARY): string[] {
  const out: string[] = [];
  for (const file of templateFiles(root)) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      const template: unknown = doc.toJS();
      for (const target of list(field(field(template, "spec"), "targets")))
        for (const code of list(field(target, "code"))) collect(field(code, "source"), out);
    }
  }
  return out;
}
