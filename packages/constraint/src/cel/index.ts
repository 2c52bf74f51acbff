/** The CEL (`K8sNativeValidation`) driver. */
import {
  type CompiledTemplate,
  type Driver,
  type DriverResult,
  type DriverReview,
  NO_DETAILS,
  NO_RESULTS,
  type TemplateSource,
} from "../driver.js";
import { MemoKey } from "../review-memo.js";
import { constraintParams, reviewRoots } from "./bindings.js";
import { compileCelTemplate } from "./cel-template.js";
import { readClock } from "./deadline-clock.js";
import { evaluateTemplate } from "./evaluate.js";
import { DEADLINE_EXCEEDED } from "./internal-functions.js";
import { newReviewVariables, type ReviewVariables, type TemplateVariables } from "./lazy-variables.js";
import type { CompileOptions } from "./program.js";
import type { FailurePolicy } from "./source.js";

export { CelCompileError, CelEvalError } from "./errors.js";

/** The values of a review's variables that read only the review, shared by all its CEL templates. */
const REVIEW_VARIABLES = new MemoKey<ReviewVariables, DriverReview>(
  "cel review variables",
  newReviewVariables,
);

function reviewVariables(variables: TemplateVariables, review: DriverReview): ReviewVariables | undefined {
  return review.memo === undefined ? variables.reviewValues() : review.memo.get(REVIEW_VARIABLES, review);
}

/** The engine name Gatekeeper uses for CEL code entries. */
export const CEL_ENGINE = "K8sNativeValidation";

/**
 * Makes a CEL driver; `defaultFailurePolicy` is Gatekeeper's
 * `--default-k8s-native-validation-failure-policy` for sources that omit `failurePolicy`;
 * `options` choose the evaluator (compiled closures unless set otherwise).
 */
export function makeCelDriver(
  defaultFailurePolicy: FailurePolicy = "Fail",
  options: CompileOptions = {},
): Driver {
  return {
    engine: CEL_ENGINE,
    compile(template: TemplateSource): CompiledTemplate {
      const compiled = compileCelTemplate(template, defaultFailurePolicy, options);
      return {
        kind: template.kind,
        engine: CEL_ENGINE,
        review(review, constraints, options): readonly DriverResult[] {
          const roots = reviewRoots(review);
          const deadline = options?.deadline ?? Number.POSITIVE_INFINITY;
          if (deadline !== Number.POSITIVE_INFINITY) readClock();
          const out: DriverResult[] = [];
          const ofReview = reviewVariables(compiled.variables, review);
          for (const c of constraints) {
            const activation = compiled.variables.activation(roots, constraintParams(c), deadline, ofReview);
            const messages = evaluateTemplate(compiled, activation, deadline);
            // CEL has no evaluation tracer (Gatekeeper's K8sNativeValidation driver has none): say so.
            options?.traces?.push(
              `Trace of ${template.kind} ${c.name}: not traced (K8sNativeValidation), ${messages.length} violation(s)`,
            );
            for (const msg of messages) {
              // A cancelled evaluation is an error of the review, not a violation (Fail or not).
              const result = { constraint: c.name, msg, details: NO_DETAILS };
              out.push(msg.includes(DEADLINE_EXCEEDED) ? { ...result, error: true } : result);
            }
          }
          return out.length === 0 ? NO_RESULTS : out;
        },
      };
    },
  };
}

/** The CEL driver with Gatekeeper's default failure policy (Fail). */
export const celDriver: Driver = makeCelDriver();
