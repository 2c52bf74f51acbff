import {
  type ConstraintClient,
  ENFORCEMENT_POINTS,
  type ExternalDataBackend,
  type NamespaceLookup,
  ReviewError,
  type ReviewInput,
  type ReviewItem,
  type ReviewOutcome,
  type ReviewResult,
  reviewBatchWithExternalData,
  reviewFromAdmissionRequest,
  type StatsEntry,
} from "@portcullis/constraint";
import type { TraceRule } from "../policies/config-resource.js";
import type { ProcessExcluder } from "../policies/process-excluder.js";
import { type AdmissionVerdict, allowed, errored } from "./admission-response.js";
import type { JsonObject } from "./admission-review.js";
import { type Decision, decide } from "./decision.js";
import { isOwnServiceAccount } from "./exemptions.js";
import { gatekeeperResourceProblem } from "./gatekeeper-resources.js";
import { isJsonObject, stringField } from "./json-fields.js";
import { type TraceLevel, traceLevel } from "./request-traces.js";

/** Gatekeeper's message for a DELETE without oldObject. */
export const OLD_OBJECT_REQUIRED =
  "For admission webhooks registered for DELETE operations, please use Kubernetes v1.15.0+.";
/** Message of an allowed request from the webhook's own service account. */
export const SELF_MANAGE_MESSAGE = "Gatekeeper does not self-manage";
/** Message of an allowed request in a namespace excluded by Config for process `webhook`. */
export const EXCLUDED_NAMESPACE_MESSAGE = "Namespace is set to be ignored by Gatekeeper config";

/** What one admission review is decided with. */
export interface AdmitContext {
  readonly client: ConstraintClient;
  readonly excluder: ProcessExcluder;
  /** The webhook's own service account username (`system:serviceaccount:<ns>:gatekeeper-admin`). */
  readonly ownUsername: string;
  /** Finds Namespace objects (`namespaceObject`, namespaceSelector). */
  readonly namespaces?: NamespaceLookup;
  /** Milliseconds since the epoch after which evaluation is cancelled (a call's own deadline wins). */
  readonly deadline?: number;
  /** Time each template's evaluation ({@link AdmitOutcome.stats}, `--log-stats-admission`). */
  readonly stats?: boolean;
  /**
   * Answers templates' `external_data` calls (each request has a session of its own); without it,
   * no Provider is known.
   */
  readonly externalData?: ExternalDataBackend;
  /** The Config's `spec.validation.traces`: which requests are reviewed with a trace. */
  readonly traces?: readonly TraceRule[];
  /** Trace every request (the dashboard's review preview), whatever the Config says. */
  readonly traceEvery?: boolean;
}

/**
 * `admission_status` of Gatekeeper's request metrics; undefined for requests Gatekeeper answers
 * before counting (its own service account, a DELETE without oldObject).
 */
export type AdmissionStatusLabel = "allow" | "deny" | "error";

/** The outcome of one admission request. */
export interface AdmitOutcome {
  readonly verdict: AdmissionVerdict;
  readonly status: AdmissionStatusLabel | undefined;
  /** The decision, when the request was reviewed against constraints. */
  readonly decision?: Decision;
  /** The review input, when built (DELETE reviews the oldObject). */
  readonly input?: ReviewInput;
  /** With {@link AdmitContext.stats}: each template's run time and constraint count. */
  readonly stats?: readonly StatsEntry[] | undefined;
  /**
   * For a traced request: its constraints' traces, every result of its review (what Gatekeeper's
   * dump lists), and whether the policies in force are to be dumped too (the Config's `dump: All`).
   */
  readonly trace?: {
    readonly trace: string;
    readonly results: readonly ReviewResult[];
    readonly dump: boolean;
  };
}

function excluded(input: ReviewInput, excluder: ProcessExcluder): boolean {
  const object = input.subject;
  const apiVersion = stringField(object, "apiVersion");
  const slash = apiVersion.indexOf("/");
  return excluder.isExcluded("webhook", {
    group: slash < 0 ? "" : apiVersion.slice(0, slash),
    kind: stringField(object, "kind"),
    name: stringField(object.metadata, "name"),
    namespace: input.namespace,
  });
}

/** One admission request of a batch, and its evaluation deadline (ms since the epoch). */
export interface AdmitCall {
  readonly request: JsonObject;
  readonly deadline?: number;
}

/** What answers a request without a review, or the review input of one that needs it. */
type Prepared = { readonly early: AdmitOutcome } | { readonly input: ReviewInput };

function prepare(request: JsonObject, ctx: AdmitContext): Prepared {
  if (isOwnServiceAccount(request, ctx.ownUsername)) {
    return { early: { verdict: allowed(SELF_MANAGE_MESSAGE), status: undefined } };
  }
  if (request.operation === "DELETE" && !isJsonObject(request.oldObject)) {
    const verdict = errored(500, OLD_OBJECT_REQUIRED);
    return {
      early: {
        verdict: { ...verdict, status: { ...verdict.status, reason: "Forbidden" } },
        status: undefined,
      },
    };
  }
  const problem = gatekeeperResourceProblem(request, ctx.client);
  if (problem !== undefined) return { early: { verdict: problem, status: undefined } };
  let input: ReviewInput;
  try {
    input = reviewFromAdmissionRequest(request, { clearNamespaceOfNamespaces: true });
  } catch (e: unknown) {
    if (!(e instanceof ReviewError)) throw e;
    return { early: { verdict: errored(500, e.message), status: "error" } };
  }
  if (excluded(input, ctx.excluder)) {
    return { early: { verdict: allowed(EXCLUDED_NAMESPACE_MESSAGE), status: "allow", input } };
  }
  return { input };
}

function decided(input: ReviewInput, outcome: ReviewOutcome | undefined, level: TraceLevel): AdmitOutcome {
  if (outcome === undefined || "error" in outcome) {
    const e = outcome?.error;
    return { verdict: errored(500, e instanceof Error ? e.message : String(e)), status: "error", input };
  }
  const { results, stats, trace } = outcome.response;
  const decision = decide(results);
  const status: AdmissionStatusLabel =
    decision.errors.length > 0 ? "error" : decision.denyMessages.length > 0 ? "deny" : "allow";
  const out: AdmitOutcome = { verdict: decision.verdict, status, decision, input, stats };
  if (trace === undefined || level === "none") return out;
  return { ...out, trace: { trace, results, dump: level === "dump" } };
}

/**
 * Gatekeeper's validation handler as a plain function, for a batch of requests: its own service
 * account is allowed, a DELETE is reviewed through its oldObject (an error without one),
 * Gatekeeper's own resources are checked ({@link gatekeeperResourceProblem}), namespaces
 * excluded by Config for `webhook` are allowed, and everything else is reviewed at the
 * webhook enforcement point (template `operations` honoured) and decided by {@link decide}. The
 * reviews run template by template across the batch (`ConstraintClient.reviewBatch`), each
 * request with its own deadline; the outcomes are those of each request alone, in order.
 */
export function admitAll(
  calls: readonly AdmitCall[],
  ctx: AdmitContext,
): AdmitOutcome[] | Promise<AdmitOutcome[]> {
  const prepared = calls.map((call): Prepared => {
    try {
      return prepare(call.request, ctx);
    } catch (e: unknown) {
      return {
        early: { verdict: errored(500, e instanceof Error ? e.message : String(e)), status: "error" },
      };
    }
  });
  const items: ReviewItem[] = [];
  const levels: TraceLevel[] = [];
  for (const [i, p] of prepared.entries()) {
    if (!("input" in p)) continue;
    const configured = traceLevel(ctx.traces ?? [], calls[i]?.request ?? {});
    const level = ctx.traceEvery === true && configured === "none" ? "trace" : configured;
    levels.push(level);
    items.push({
      subject: p.input,
      options: {
        enforcementPoint: ENFORCEMENT_POINTS.webhook,
        namespaces: ctx.namespaces,
        deadline: calls[i]?.deadline ?? ctx.deadline,
        stats: ctx.stats === true,
        trace: level !== "none",
      },
    });
  }
  const assemble = (outcomes: readonly ReviewOutcome[]): AdmitOutcome[] => {
    let next = 0;
    return prepared.map((p) => {
      if ("early" in p) return p.early;
      const at = next++;
      return decided(p.input, outcomes[at], levels[at] ?? "none");
    });
  };
  if (items.length === 0) return assemble([]);
  if (ctx.externalData === undefined) return assemble(ctx.client.reviewBatch(items));
  const outcomes = reviewBatchWithExternalData(ctx.client, items, ctx.externalData);
  return outcomes instanceof Promise ? outcomes.then(assemble) : assemble(outcomes);
}

/** {@link admitAll} of one request, with `ctx.deadline` (no external data: it answers at once). */
export function admit(request: JsonObject, ctx: Omit<AdmitContext, "externalData">): AdmitOutcome {
  const outcomes = admitAll([{ request }], { ...ctx, externalData: undefined });
  if (outcomes instanceof Promise) throw new Error("admit cannot wait for external data: use admitAll");
  const [outcome] = outcomes;
  if (outcome === undefined) throw new Error("admitAll answered no outcome");
  return outcome;
}
