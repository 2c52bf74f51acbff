import type { PageReview } from "./review-objects.js";
import type { AuditViolation, ConstraintRef, ObjectRef } from "./violation.js";

/**
 * A page's review as it crosses from an audit worker to the audit: JSON text, with each object
 * and constraint written once, when every value is JSON (the usual case); else the page itself.
 * Structured clone of tens of thousands of small violation records costs several times more
 * than this text on both threads.
 */
export type PackedPage = { readonly json: string } | { readonly page: PageReview };

type ObjectRow = [string, string, string, string, string, Readonly<Record<string, string>>];
type ConstraintRow = [string, string, Readonly<Record<string, string>>];
type ViolationRow = [number, number, string, string, readonly string[], unknown];

interface PageText {
  readonly reviewed: number;
  readonly errors: string[];
  readonly objects: ObjectRow[];
  readonly constraints: ConstraintRow[];
  readonly rows: ViolationRow[];
}

/** Packs a page for the trip to the audit (see {@link PackedPage}). */
export function packPage(page: PageReview): PackedPage {
  const objects: ObjectRow[] = [];
  const constraints: ConstraintRow[] = [];
  const constraintIndex = new Map<string, number>();
  const rows: ViolationRow[] = [];
  // A page's violations come object by object: an object is written again only when it changes.
  let lastKey = "";
  for (const v of page.violations) {
    const o = v.object;
    const key = `${o.group}/${o.version}/${o.kind}/${o.namespace}/${o.name}`;
    if (key !== lastKey) objects.push([o.group, o.version, o.kind, o.namespace, o.name, v.labels]);
    lastKey = key;
    const ck = `${v.constraint.kind}/${v.constraint.name}`;
    let c = constraintIndex.get(ck);
    if (c === undefined) {
      c = constraints.length;
      constraints.push([v.constraint.kind, v.constraint.name, v.constraintAnnotations]);
      constraintIndex.set(ck, c);
    }
    rows.push([objects.length - 1, c, v.message, v.enforcementAction, v.enforcementActions, v.details]);
  }
  const text: PageText = { reviewed: page.reviewed, errors: page.errors, objects, constraints, rows };
  try {
    return { json: JSON.stringify(text) };
  } catch (e: unknown) {
    // Values JSON cannot carry (integers beyond 2^53 in details) go by structured clone.
    if (e instanceof TypeError) return { page };
    throw e;
  }
}

/** The page a {@link packPage} result stands for; records of one object share their parts. */
export function unpackPage(packed: PackedPage): PageReview {
  if ("page" in packed) return packed.page;
  const text = JSON.parse(packed.json) as PageText;
  const objects = text.objects.map(([group, version, kind, namespace, name, labels]) => ({
    ref: { group, version, kind, namespace, name } satisfies ObjectRef,
    labels,
  }));
  const constraints = text.constraints.map(([kind, name, annotations]) => ({
    ref: { kind, name } satisfies ConstraintRef,
    annotations,
  }));
  const violations: AuditViolation[] = [];
  for (const [oi, ci, message, enforcementAction, enforcementActions, details] of text.rows) {
    const o = objects[oi];
    const c = constraints[ci];
    if (o === undefined || c === undefined) continue;
    violations.push({
      constraint: c.ref,
      object: o.ref,
      message,
      enforcementAction,
      enforcementActions,
      details,
      labels: o.labels,
      constraintAnnotations: c.annotations,
    });
  }
  return { violations, reviewed: text.reviewed, errors: text.errors };
}
