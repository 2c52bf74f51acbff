import { stringify } from "yaml";
import { alignRows } from "../text/aligned-rows.js";
import type { AuditResult } from "./run-audit.js";
import type { AuditViolation } from "./violation.js";

/** Output formats of `portcullis audit` and `portcullis violations`. */
export type OutputFormat = "table" | "json" | "yaml";

/** A violation as `-o json`/`-o yaml` print it. */
export function violationOutput(v: AuditViolation): Record<string, unknown> {
  return {
    constraint: { kind: v.constraint.kind, name: v.constraint.name },
    object: { ...v.object },
    message: v.message,
    enforcementAction: v.enforcementAction,
    ...(v.enforcementActions.length > 0 ? { enforcementActions: [...v.enforcementActions] } : {}),
    ...(v.details !== undefined && v.details !== null ? { details: v.details } : {}),
  };
}

/** The `-o json`/`-o yaml` document: every constraint with its status, and every violation. */
export function auditDocument(result: AuditResult): { constraints: unknown[]; violations: unknown[] } {
  return { constraints: result.constraints, violations: result.violations.map(violationOutput) };
}

/** Left-aligned columns separated by three spaces, kubectl style. */
export function columns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return alignRows([header, ...rows], 3);
}

/**
 * The text on one line: each run of white space holding a line break becomes one space. (White
 * space matched on both sides of a break backtracks quadratically on a long run of spaces.)
 */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, (run) => (run.includes("\n") ? " " : run));
}

/** The table `portcullis audit` prints: constraints with their totals, then every violation. */
export function auditTable(result: AuditResult, actions: ReadonlyMap<string, string>): string {
  const summary = columns(
    ["CONSTRAINT", "ACTION", "VIOLATIONS"],
    result.constraints.map((c) => [
      `${c.kind}/${c.metadata.name}`,
      actions.get(`${c.kind}/${c.metadata.name}`) ?? "",
      String(c.status.totalViolations),
    ]),
  );
  const head = `audit ${result.auditId}: ${result.objectsReviewed} objects, ${result.constraints.length} constraints, ${result.violations.length} violations\n\n`;
  if (result.violations.length === 0) return `${head}${summary}`;
  const detail = columns(
    ["CONSTRAINT", "ACTION", "KIND", "NAMESPACE", "NAME", "MESSAGE"],
    result.violations.map((v) => [
      `${v.constraint.kind}/${v.constraint.name}`,
      v.enforcementActions.length > 0
        ? `${v.enforcementAction}(${v.enforcementActions.join(",")})`
        : v.enforcementAction,
      v.object.kind,
      v.object.namespace,
      v.object.name,
      oneLine(v.message),
    ]),
  );
  return `${head}${summary}\n${detail}`;
}

/** Prints a document as JSON (indented) or YAML. */
export function formatDocument(doc: unknown, format: "json" | "yaml"): string {
  return format === "json" ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0 });
}
