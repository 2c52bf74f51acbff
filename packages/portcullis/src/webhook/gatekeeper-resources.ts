import {
  CONSTRAINTS_GROUP,
  type ConstraintClient,
  ConstraintError,
  EXPANSION_GROUP,
  ExpansionError,
  InvalidTemplateError,
  parseExpansionTemplate,
  parseTemplate,
  TEMPLATES_GROUP,
} from "@portcullis/constraint";
import { CONFIG_GROUP, CONFIG_NAME } from "../policies/config-resource.js";
import { type AdmissionVerdict, errored } from "./admission-response.js";
import type { JsonObject } from "./admission-review.js";
import { stringField } from "./json-fields.js";

/** The API groups of Gatekeeper's own resources (its `isGatekeeperResource`). */
const GATEKEEPER_GROUPS: ReadonlySet<string> = new Set([
  TEMPLATES_GROUP,
  CONSTRAINTS_GROUP,
  "mutations.gatekeeper.sh",
  CONFIG_GROUP,
  "externaldata.gatekeeper.sh",
  EXPANSION_GROUP,
  "status.gatekeeper.sh",
]);

/** Longest name Gatekeeper accepts for one of its resources. */
const MAX_NAME = 63;

/** Status code of a Gatekeeper resource the user got wrong. */
const UNPROCESSABLE = 422;

/** What validates a constraint against its template among the policies in force (the client). */
export type ConstraintCheck = Pick<ConstraintClient, "checkConstraint">;

/** The object a request puts in place: `oldObject` for a DELETE, as Gatekeeper reviews it. */
function objectOf(request: JsonObject): unknown {
  return request.operation === "DELETE" ? request.oldObject : request.object;
}

function constraintProblem(request: JsonObject, check: ConstraintCheck): AdmissionVerdict | undefined {
  try {
    check.checkConstraint(objectOf(request));
  } catch (e: unknown) {
    if (!(e instanceof ConstraintError)) throw e;
    // Its template is not among the policies served: the API server has its CRD, so nothing to add.
    if (e.code === "constraint_unknown_kind") return undefined;
    // Gatekeeper answers a bad enforcementAction as its own error, anything else as the user's.
    return errored(e.code === "constraint_enforcement_action" ? 500 : UNPROCESSABLE, e.message);
  }
  return undefined;
}

function userProblem(check: () => void): AdmissionVerdict | undefined {
  try {
    check();
  } catch (e: unknown) {
    if (e instanceof InvalidTemplateError || e instanceof ExpansionError)
      return errored(UNPROCESSABLE, e.message);
    throw e;
  }
  return undefined;
}

/**
 * Gatekeeper's check of its own resources at admission (`validateGatekeeperResources`), before
 * anything is reviewed: the verdict that answers the request, or undefined to go on.
 *
 * - A DELETE of no one resource (a collection) goes on; a name over 63 characters is an error
 *   (code 500).
 * - A ConstraintTemplate must be one Gatekeeper can make a constraint CRD of (its name, kind,
 *   target and schema); its code is compiled when it is loaded, not here, as in Gatekeeper.
 * - A constraint must fit its template's schema, match and enforcement action; one whose template
 *   is not among the policies served is left to the API server.
 * - An ExpansionTemplate must pass Gatekeeper's template checks; a Config must be named `config`.
 *
 * Problems the user can fix are answered with code 422, the request's object (its `oldObject`
 * for a DELETE) being what is checked.
 */
export function gatekeeperResourceProblem(
  request: JsonObject,
  checkConstraint: ConstraintCheck,
): AdmissionVerdict | undefined {
  const group = stringField(request.kind, "group");
  if (!GATEKEEPER_GROUPS.has(group)) return undefined;
  const name = stringField(request, "name");
  if (request.operation === "DELETE" && name === "") return undefined;
  if (name.length > MAX_NAME) {
    return errored(
      500,
      `resource cannot have metadata.name larger than ${MAX_NAME} char; length: ${name.length}`,
    );
  }
  const kind = stringField(request.kind, "kind");
  if (group === TEMPLATES_GROUP && kind === "ConstraintTemplate")
    return userProblem(() => parseTemplate(objectOf(request)));
  if (group === EXPANSION_GROUP && kind === "ExpansionTemplate")
    return userProblem(() => parseExpansionTemplate(objectOf(request)));
  if (group === CONSTRAINTS_GROUP) return constraintProblem(request, checkConstraint);
  if (group === CONFIG_GROUP && kind === "Config" && name !== CONFIG_NAME)
    return errored(UNPROCESSABLE, `config resource must have name '${CONFIG_NAME}'`);
  return undefined;
}
