import type { ExternalDataBackend, NamespaceLookup } from "@portcullis/constraint";
import type { PolicySet } from "../policies/policy-set.js";
import type { PolicyDocument } from "../policies/read-policy-files.js";
import { type AdmissionVerdict, errored } from "../webhook/admission-response.js";
import type { JsonObject } from "../webhook/admission-review.js";
import { type AdmissionStatusLabel, type AdmitCall, type AdmitOutcome, admitAll } from "../webhook/admit.js";
import { denyLogEntries } from "../webhook/deny-log.js";
import { formatTraceDump } from "../webhook/request-traces.js";
import { ADMISSION_STATS_MESSAGE, admissionStatsFields } from "../webhook/stats-log.js";

/** A log line to write where the request was received (worker threads have no logger of their own). */
export interface AdmissionLogLine {
  readonly level: "info" | "error";
  readonly fields: Record<string, unknown>;
  readonly message?: string;
}

/** One request decided: its verdict, what its metrics record, and what to log. */
export interface DecidedAdmission {
  readonly verdict: AdmissionVerdict;
  /** `admission_status`; undefined for requests Gatekeeper answers before counting. */
  readonly status: AdmissionStatusLabel | undefined;
  readonly dryRun: boolean;
  readonly logs: readonly AdmissionLogLine[];
}

/** A batch decided, and the time it took. */
export interface DecidedBatch {
  readonly decided: readonly DecidedAdmission[];
  readonly seconds: number;
}

/** What decides admission requests besides the policies. */
export interface DecideOptions {
  readonly ownUsername: string;
  readonly logDenies: boolean;
  /** Log each request's template run times (`--log-stats-admission`). */
  readonly logStats?: boolean;
  readonly namespaces: NamespaceLookup;
  /** Answers `external_data` calls with the set's Providers; absent when external data is off. */
  readonly externalData?: (set: PolicySet) => ExternalDataBackend;
}

function logsOf(
  request: JsonObject,
  outcome: AdmitOutcome,
  logDenies: boolean,
  policyDump: () => string,
): AdmissionLogLine[] {
  const logs: AdmissionLogLine[] = [];
  const trace = outcome.trace;
  if (trace !== undefined) {
    // Gatekeeper logs the dumps as messages at info level; the uid ties them to the request.
    const text = formatTraceDump(outcome.input?.review ?? {}, trace.trace, trace.results);
    logs.push({ level: "info", fields: { uid: request.uid, event_type: "trace" }, message: text });
    if (trace.dump)
      logs.push({ level: "info", fields: { uid: request.uid, event_type: "dump" }, message: policyDump() });
  }
  const statsFields = outcome.stats === undefined ? undefined : admissionStatsFields(request, outcome.stats);
  if (statsFields !== undefined)
    logs.push({ level: "info", fields: statsFields, message: ADMISSION_STATS_MESSAGE });
  const decision = outcome.decision;
  if (decision !== undefined) {
    if (logDenies)
      for (const entry of denyLogEntries(request, decision.violations))
        logs.push({ level: "info", fields: { ...entry } });
    for (const r of decision.unrecognized) {
      logs.push({
        level: "error",
        fields: { constraint: r.constraint.name, enforcement_action: r.enforcementAction },
        message: "error validating enforcement action: skipping",
      });
    }
    if (decision.errors.length > 0)
      logs.push({
        level: "error",
        fields: { uid: request.uid, errors: decision.errors },
        message: "error executing query",
      });
  } else if (outcome.status === "error") {
    logs.push({
      level: "error",
      fields: { uid: request.uid, error: outcome.verdict.status.message },
      message: "error executing query",
    });
  }
  return logs;
}

/**
 * The policies in force, for a trace with `dump: All` (Gatekeeper dumps its Rego engine's state):
 * the templates and constraints as loaded, and the Config, as indented JSON.
 */
export function policyDump(set: PolicySet): string {
  const docs = (list: readonly PolicyDocument[]): unknown[] => list.map((d) => d.object);
  const { templates, constraints, config } = set.sorted;
  return JSON.stringify(
    { templates: docs(templates), constraints: docs(constraints), config: config?.object ?? null },
    null,
    3,
  );
}

/**
 * Decides a batch of `/v1/admit` requests against a policy set, as a plain function run on the
 * event loop or in a worker thread alike: the verdicts, and the metrics and log lines for the
 * thread that received the requests. A batch whose templates call external data providers
 * answers when they have.
 */
export function decideAdmissions(
  set: PolicySet | undefined,
  calls: readonly AdmitCall[],
  options: DecideOptions,
): DecidedBatch | Promise<DecidedBatch> {
  const started = performance.now();
  if (set === undefined) {
    const verdict = errored(500, "policies are not loaded yet");
    return {
      decided: calls.map(() => ({ verdict, status: undefined, dryRun: false, logs: [] })),
      seconds: 0,
    };
  }
  const outcomes = admitAll(calls, {
    client: set.client,
    excluder: set.config.excluder,
    traces: set.config.traces,
    ownUsername: options.ownUsername,
    namespaces: options.namespaces,
    stats: options.logStats === true,
    externalData: set.callsExternalData ? options.externalData?.(set) : undefined,
  });
  const finish = (done: readonly AdmitOutcome[]): DecidedBatch => {
    const decided = done.map((outcome, i): DecidedAdmission => {
      const request: JsonObject = calls[i]?.request ?? {};
      return {
        verdict: outcome.verdict,
        status: outcome.status,
        dryRun: request.dryRun === true,
        logs: logsOf(request, outcome, options.logDenies, () => policyDump(set)),
      };
    });
    return { decided, seconds: (performance.now() - started) / 1000 };
  };
  return outcomes instanceof Promise ? outcomes.then(finish) : finish(outcomes);
}
