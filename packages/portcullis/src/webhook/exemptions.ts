import type { AdmissionVerdict } from "./admission-response.js";
import { allowed, denied, errored } from "./admission-response.js";
import type { JsonObject } from "./admission-review.js";
import { isJsonObject, stringField } from "./json-fields.js";

/** The label that makes the apiserver skip a namespace (the VWC's namespaceSelector). */
export const IGNORE_LABEL = "admission.gatekeeper.sh/ignore";

/** Gatekeeper's own service account name. */
export const SERVICE_ACCOUNT_NAME = "gatekeeper-admin";

/** Namespaces allowed to carry the ignore label: `--exempt-namespace`, `-prefix`, `-suffix`. */
export interface NamespaceExemption {
  readonly names: readonly string[];
  readonly prefixes: readonly string[];
  readonly suffixes: readonly string[];
}

/** No exempt namespaces. */
export const NO_EXEMPTION: NamespaceExemption = { names: [], prefixes: [], suffixes: [] };

/** The username of the webhook's own service account: `system:serviceaccount:<ns>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string = SERVICE_ACCOUNT_NAME): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** True when the request comes from the webhook's own service account ("does not self-manage"). */
export function isOwnServiceAccount(request: JsonObject, ownUsername: string): boolean {
  return stringField(request.userInfo, "username") === ownUsername;
}

/** True when a namespace name is exempt: listed, or with an exempt prefix or suffix. */
export function isExemptNamespace(name: string, exemption: NamespaceExemption): boolean {
  if (exemption.names.includes(name)) return true;
  if (exemption.prefixes.some((p) => name.startsWith(p))) return true;
  return exemption.suffixes.some((s) => name.endsWith(s));
}

/**
 * `/v1/admitlabel` (`check-ignore-label.gatekeeper.sh`): only exempt namespaces may carry the
 * ignore label. DELETE and non-Namespace requests are allowed.
 */
export function admitLabel(request: JsonObject, exemption: NamespaceExemption): AdmissionVerdict {
  if (request.operation === "DELETE") return allowed("Delete is always allowed");
  if (stringField(request.kind, "group") !== "" || stringField(request.kind, "kind") !== "Namespace") {
    return allowed("Not a namespace");
  }
  const object = request.object;
  if (!isJsonObject(object)) return errored(500, "while deserializing resource: the request has no object");
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const name = stringField(metadata, "name");
  if (isExemptNamespace(name, exemption)) {
    return allowed(`Namespace ${name} is allowed to set ${IGNORE_LABEL}`);
  }
  const labels = metadata.labels;
  if (isJsonObject(labels) && Object.hasOwn(labels, IGNORE_LABEL)) {
    return denied([`Only exempt namespace can have the ${IGNORE_LABEL} label`]);
  }
  return allowed(`Namespace is not setting the ${IGNORE_LABEL} label`);
}
