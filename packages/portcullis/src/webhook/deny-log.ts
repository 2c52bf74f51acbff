import type { JsonObject } from "./admission-review.js";
import type { ActedViolation } from "./decision.js";
import { isJsonObject, stringField } from "./json-fields.js";

/** One `--log-denies` line: Gatekeeper's fields, with `msg` = `denied admission: <message>`. */
export interface DenyLogEntry {
  readonly process: "admission";
  readonly event_type: "violation";
  readonly details: unknown;
  readonly constraint_name: string;
  readonly constraint_group: string;
  readonly constraint_api_version: string;
  readonly constraint_kind: string;
  readonly constraint_action: string;
  readonly constraint_enforcement_actions: readonly string[];
  readonly resource_group: string;
  readonly resource_api_version: string;
  readonly resource_kind: string;
  readonly resource_namespace: string;
  readonly resource_name: string;
  readonly request_username: string;
  readonly msg: string;
}

/**
 * The `--log-denies` entries of a request: one per violation acted on (deny, warn and dryrun
 * alike, as Gatekeeper logs them), naming the constraint, the resource and the user. The resource
 * name falls back to the object's own name when the request has none (CREATE with generateName).
 */
export function denyLogEntries(request: JsonObject, violations: readonly ActedViolation[]): DenyLogEntry[] {
  if (violations.length === 0) return [];
  const kind = request.kind;
  let name = stringField(request, "name");
  if (name === "")
    name = stringField(isJsonObject(request.object) ? request.object.metadata : undefined, "name");
  return violations.map(({ result }) => {
    const apiVersion = stringField(result.constraint.object, "apiVersion");
    const slash = apiVersion.indexOf("/");
    return {
      process: "admission",
      event_type: "violation",
      details: result.details,
      constraint_name: result.constraint.name,
      constraint_group: slash < 0 ? "" : apiVersion.slice(0, slash),
      constraint_api_version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
      constraint_kind: result.constraint.kind,
      constraint_action: result.enforcementAction,
      constraint_enforcement_actions: result.scopedEnforcementActions,
      resource_group: stringField(kind, "group"),
      resource_api_version: stringField(kind, "version"),
      resource_kind: stringField(kind, "kind"),
      resource_namespace: stringField(request, "namespace"),
      resource_name: name,
      request_username: stringField(request.userInfo, "username"),
      msg: `denied admission: ${result.msg}`,
    };
  });
}
