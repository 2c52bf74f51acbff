import type { ExternalDataBackend, NamespaceLookup } from "@portcullis/constraint";
import type { Logger } from "pino";
import type { WebhookMetrics } from "../metrics/webhook-metrics.js";
import { namespaceLookup } from "../policies/namespace-lookup.js";
import type { PolicySet } from "../policies/policy-set.js";
import type { AdmissionVerdict } from "../webhook/admission-response.js";
import { admitLabel, type NamespaceExemption } from "../webhook/exemptions.js";
import type { AdmissionEndpoint } from "../webhook/webhook-server.js";
import { type DecidedBatch, decideAdmissions } from "./admission-decisions.js";
import type { AdmissionPool } from "./admission-pool.js";

/** What the admission endpoints are wired to. */
export interface EndpointDeps {
  readonly policies: () => PolicySet | undefined;
  readonly ownUsername: string;
  readonly exemption: NamespaceExemption;
  readonly logDenies: boolean;
  /** Log each request's template run times (`--log-stats-admission`). */
  readonly logStats?: boolean;
  readonly logger: Logger;
  readonly metrics: WebhookMetrics;
  /** Worker threads deciding `/v1/admit`; without one running, the event loop decides. */
  readonly pool?: AdmissionPool;
  /** Answers `external_data` calls with a set's Providers; absent when external data is off. */
  readonly externalData?: (set: PolicySet) => ExternalDataBackend;
}

/**
 * `/v1/admit` and `/v1/admitlabel` wired to the policies in force, `--log-denies`, error logs
 * and request metrics. `/v1/admit` batches are decided by the worker threads when there are
 * any, else on the event loop; either way the logs and metrics are written here.
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
  const record = (batch: DecidedBatch): AdmissionVerdict[] =>
    batch.decided.map((d) => {
      for (const line of d.logs) {
        const write = line.level === "error" ? log.error.bind(log) : log.info.bind(log);
        if (line.message === undefined) write(line.fields);
        else write(line.fields, line.message);
      }
      // A batch's requests are decided together: each took the batch's time.
      if (d.status !== undefined) deps.metrics.observeRequest(d.status, d.dryRun, batch.seconds);
      return d.verdict;
    });
  const validate: AdmissionEndpoint = (calls) => {
    const pool = deps.pool;
    if (pool !== undefined && pool.running > 0) {
      return pool.decide(calls.map((c) => ({ body: c.body, deadline: c.deadline }))).then(record);
    }
    const set = deps.policies();
    const options = {
      ownUsername: deps.ownUsername,
      logDenies: deps.logDenies,
      logStats: deps.logStats === true,
      namespaces: set === undefined ? () => undefined : lookupFor(set),
      ...(deps.externalData !== undefined ? { externalData: deps.externalData } : {}),
    };
    const batch = decideAdmissions(set, calls, options);
    return batch instanceof Promise ? batch.then(record) : record(batch);
  };
  const label: AdmissionEndpoint = (calls) => calls.map((call) => admitLabel(call.request, deps.exemption));
  return { "/v1/admit": validate, "/v1/admitlabel": label };
}
