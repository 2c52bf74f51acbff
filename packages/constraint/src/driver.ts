/**
 * The engine-neutral driver contract: a driver compiles a template's code for its engine, then
 * reviews objects against constraints of that template. Rego and CEL (K8sNativeValidation) drivers
 * implement it; the client never knows which engine it talks to.
 */

import type { ExternalDataSource } from "./external-data/session.js";
import type { ReviewMemo } from "./review-memo.js";

/** A Kubernetes object, or any JSON object, as parsed. */
export type JsonObject = Record<string, unknown>;

/** What a template gives a driver to compile: the chosen `code[]` entry (or the legacy rego). */
export interface TemplateSource {
  /** Template name (the lowercased kind). */
  readonly name: string;
  /** Constraint kind the template defines. */
  readonly kind: string;
  /** `Rego` or `K8sNativeValidation`. */
  readonly engine: string;
  /**
   * The engine's source: for Rego `{ rego: string, libs: string[], version?: "v1" }`, for CEL the
   * `source` object of the code entry (`validations`, `variables`, `matchConditions`, `failurePolicy`).
   */
  readonly source: JsonObject;
  /** File the template came from, for messages. */
  readonly file?: string;
}

/** One constraint as a driver needs it. */
export interface DriverConstraint {
  readonly kind: string;
  readonly name: string;
  /** `spec.parameters`, `{}` when absent. */
  readonly parameters: unknown;
}

/** What is reviewed: Gatekeeper's `input.review` and the referential data. */
export interface DriverReview {
  /**
   * The AdmissionRequest-shaped review (`kind`, `name`, `namespace`, `operation`, `userInfo`,
   * `object`, `oldObject`, `dryRun`, `options`, …; object is oldObject on DELETE).
   */
  readonly review: JsonObject;
  /** The Namespace object of a namespaced object, or null. */
  readonly namespaceObject: JsonObject | null;
  /** `data.inventory` (Rego) — synced objects. */
  readonly inventory: unknown;
  /**
   * Where drivers keep what they derive from this review for its other templates; without it,
   * each template's review derives it again.
   */
  readonly memo?: ReviewMemo;
}

/** Per-review options. */
export interface DriverOptions {
  /** Milliseconds since the epoch after which evaluation is cancelled. */
  readonly deadline?: number;
  /** Receives `print()` output (gator -v shows it). */
  readonly print?: (message: string) => void;
  /** Answers the review's `external_data` calls; without it, no Provider is known. */
  readonly externalData?: ExternalDataSource;
  /**
   * A traced review: drivers append the trace of each constraint they evaluate, as text (an
   * engine that cannot trace says so). Tracing is for debugging: it evaluates slowly.
   */
  readonly traces?: string[];
}

/** The `details` of results whose template gave none: one frozen `{}` for all of them. */
export const NO_DETAILS: Readonly<Record<string, never>> = Object.freeze({});

/** A violation found by a driver. */
export interface DriverResult {
  /** Name of the constraint that produced it. */
  readonly constraint: string;
  readonly msg: string;
  /** `details` from the template, `{}` when absent. */
  readonly details: unknown;
  /** The result reports that evaluation failed (its msg is the error), not a violation. */
  readonly error?: boolean;
}

/** A template compiled by a driver, ready to review many objects. */
export interface CompiledTemplate {
  readonly kind: string;
  readonly engine: string;
  /**
   * Reviews one object against the given constraints of this template. Evaluation errors become
   * results whose msg is the error text (Gatekeeper's behaviour), never exceptions.
   */
  review(
    review: DriverReview,
    constraints: readonly DriverConstraint[],
    options?: DriverOptions,
  ): readonly DriverResult[];
}

/**
 * What a review that found nothing returns: one frozen empty list. A batch keeps every
 * template's results for each of its reviews until its last template has run, and most are empty.
 */
export const NO_RESULTS: readonly DriverResult[] = Object.freeze([]);

/** A policy engine. */
export interface Driver {
  readonly engine: string;
  /** Compiles a template; throws {@link TemplateError} with code and location on failure. */
  compile(template: TemplateSource): CompiledTemplate;
}

/** A template that does not compile or is malformed. */
export class TemplateError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly location?: { readonly file?: string; readonly row?: number; readonly col?: number },
  ) {
    super(message);
    this.name = "TemplateError";
  }
}
