import type { JsonObject, StatsEntry } from "@portcullis/constraint";
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
  readonly stats?: StatsEntry[][];
}

/** Packs a page for the trip to the audit (see {@link PackedPage}). */
export function packPage(page: PageReview): PackedPage {
  const objects: ObjectRow[] = [];
  const constraints: ConstraintRow[] = [];
  const constraintIndex = new Map<ConstraintRef, number>();
  const rows: ViolationRow[] = [];
  // A page's violations come object by object, and reviewObjects gives the violations of one object
  // one shared reference (and of one constraint another): an object is written once per run.
  let lastObject: ObjectRef | undefined;
  for (const v of page.violations) {
    const o = v.object;
    if (o !== lastObject) objects.push([o.group, o.version, o.kind, o.namespace, o.name, v.labels]);
    lastObject = o;
    let c = constraintIndex.get(v.constraint);
    if (c === undefined) {
      c = constraints.length;
      constraints.push([v.constraint.kind, v.constraint.name, v.constraintAnnotations]);
      constraintIndex.set(v.constraint, c);
    }
    rows.push([objects.length - 1, c, v.message, v.enforcementAction, v.enforcementActions, v.details]);
  }
  const text: PageText = {
    reviewed: page.reviewed,
    errors: page.errors,
    objects,
    constraints,
    rows,
    ...(page.stats !== undefined ? { stats: page.stats } : {}),
  };
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
  const page = { violations, reviewed: text.reviewed, errors: text.errors };
  return text.stats === undefined ? page : { ...page, stats: text.stats };
}

/**
 * A page of objects as it crosses to an audit worker: JSON text when JSON carries every value
 * exactly, else the objects themselves (structured clone). The worker parses the text in about
 * half the time structured clone takes to rebuild the objects, and this thread writes it no slower.
 */
export type PackedObjects = { readonly json: string } | { readonly objects: readonly JsonObject[] };

/**
 * True when JSON text carries `v` exactly: plain objects and arrays of strings, finite numbers,
 * booleans and null. JSON would drop an undefined property and write NaN or Infinity as null.
 */
export function jsonExact(v: unknown): boolean {
  switch (typeof v) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(v);
    case "object": {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!(i in v) || !jsonExact(v[i])) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in v) if (!jsonExact((v as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Packs objects for the trip to a worker (see {@link PackedObjects}). */
export function packObjects(objects: readonly JsonObject[]): PackedObjects {
  for (const o of objects) if (!jsonExact(o)) return { objects };
  return { json: JSON.stringify(objects) };
}

/** The objects a {@link packObjects} result stands for. */
export function unpackObjects(packed: PackedObjects): readonly JsonObject[] {
  return "objects" in packed ? packed.objects : (JSON.parse(packed.json) as JsonObject[]);
}
