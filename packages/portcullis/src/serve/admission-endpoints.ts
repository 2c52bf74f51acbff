import type { NamespaceLookup } from "@portcullis/constraint";
import type { Logger } from "pino";
import type { WebhookMetrics } from "../metrics/webhook-metrics.js";
import { namespaceLookup } from "../policies/namespace-lookup.js";
import type { PolicySet } from "../policies/policy-set.js";
import { errored } from "../webhook/admission-response.js";
import type { JsonObject } from "../webhook/admission-review.js";
import { admitAll } from "../webhook/admit.js";
import { denyLogEntries } from "../webhook/deny-log.js";
import { admitLabel, type NamespaceExemption } from "../webhook/exemptions.js";
import type { AdmissionEndpoint } from "../webhook/webhook-server.js";

/** What the admission endpoints are wired to. */
export interface EndpointDeps {
  readonly policies: () => PolicySet | undefined;
  readonly ownUsername: string;
  readonly exemption: NamespaceExemption;
  readonly logDenies: boolean;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
}

/**
 * `/v1/admit` and `/v1/admitlabel` wired to the policies in force, `--log-denies`, error logs
 * and request metrics.
 */
export function admissionEndpoints(deps: EndpointDeps): Record<string, AdmissionEndpoint> {
  const lookups = new WeakMap<PolicySet, NamespaceLookup>();
  const lookupFor = (set: PolicySet): NamespaceLookup => {
    let lookup = lookups.get(set);
    if (lookup === undefined) {
      lookup = namespaceLookup(set.namespaces);
      lookups.set(set, lookup);
    }
    return lookup;
  };
  const log = deps.logger;
  const validate: AdmissionEndpoint = (calls) => {
    const started = performance.now();
    const set = deps.policies();
    if (set === undefined) return calls.map(() => errored(500, "policies are not loaded yet"));
    const outcomes = admitAll(calls, {
      client: set.client,
      excluder: set.config.excluder,
      ownUsername: deps.ownUsername,
      namespaces: lookupFor(set),
    });
    const seconds = (performance.now() - started) / 1000;
    return outcomes.map((outcome, i) => {
      const request: JsonObject = calls[i]?.request ?? {};
      const decision = outcome.decision;
      if (decision !== undefined) {
        if (deps.logDenies) for (const entry of denyLogEntries(request, decision.violations)) log.info(entry);
        for (const r of decision.unrecognized) {
          log.error(
            { constraint: r.constraint.name, enforcement_action: r.enforcementAction },
            "error validating enforcement action: skipping",
          );
        }
        if (decision.errors.length > 0)
          log.error({ uid: request.uid, errors: decision.errors }, "error executing query");
      } else if (outcome.status === "error") {
        log.error({ uid: request.uid, error: outcome.verdict.status.message }, "error executing query");
      }
      // A batch's requests are decided together: each took the batch's time.
      if (outcome.status !== undefined)
        deps.metrics.observeRequest(outcome.status, request.dryRun === true, seconds);
      return outcome.verdict;
    });
  };
  const label: AdmissionEndpoint = (calls) => calls.map((call) => admitLabel(call.request, deps.exemption));
  return { "/v1/admit": validate, "/v1/admitlabel": label };
}
