import { describeStats, type StatsEntry } from "@portcullis/constraint";
import type { JsonObject } from "./admission-review.js";
import { stringField } from "./json-fields.js";

/** Message of a `--log-stats-admission` line. */
export const ADMISSION_STATS_MESSAGE = "admission review request stats";

/**
 * The fields of Gatekeeper's `--log-stats-admission` line for one request: the resource, the
 * user, and `execution_stats`, each template's run time and constraint count with their
 * descriptions. Undefined when no template ran (Gatekeeper logs nothing then).
 */
export function admissionStatsFields(
  request: JsonObject,
  stats: readonly StatsEntry[],
): Record<string, unknown> | undefined {
  if (stats.length === 0) return undefined;
  return {
    process: "admission",
    event_type: "review_response_stats",
    resource_group: stringField(request.kind, "group"),
    resource_api_version: stringField(request.kind, "version"),
    resource_kind: stringField(request.kind, "kind"),
    resource_namespace: stringField(request, "namespace"),
    request_username: stringField(request.userInfo, "username"),
    execution_stats: describeStats(stats),
  };
}
