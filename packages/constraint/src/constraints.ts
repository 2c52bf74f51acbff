import { Ajv, type ValidateFunction } from "ajv";
import { CONSTRAINTS_GROUP, matchSchema } from "./constraint-crd.js";
import type { JsonObject } from "./driver.js";
import { type Enforcement, readEnforcement } from "./enforcement.js";
import { ConstraintError, type ConstraintErrorCode } from "./errors.js";
import { withInternalizedStrings } from "./internalized-strings.js";
import { isObject, objectAt, stringAt } from "./json-util.js";
import { validateLabelSelector } from "./label-selector.js";
import { compileMatch, type Matcher } from "./match.js";
import type { ParsedTemplate } from "./templates.js";

const CONSTRAINT_VERSIONS: ReadonlySet<string> = new Set(["v1beta1", "v1alpha1"]);
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_NAME = 63;

let matchValidator: ValidateFunction | undefined;

function checkMatchSchema(match: unknown): string[] {
  if (matchValidator === undefined) {
    matchValidator = new Ajv({ strict: false, allErrors: true }).compile(matchSchema());
  }
  if (matchValidator(match)) return [];
  return (matchValidator.errors ?? []).map((e) => {
    const at = `spec.match${e.instancePath.replace(/\/(\d+)/g, "[$1]").replace(/\//g, ".")}`;
    return `${at}: ${e.message ?? e.keyword}`;
  });
}

/** A validated constraint, with its matcher compiled once. */
export interface ParsedConstraint {
  readonly kind: string;
  readonly name: string;
  readonly apiVersion: string;
  readonly file: string | undefined;
  /** The constraint as given. */
  readonly object: JsonObject;
  /** `spec.parameters` (a copy, see {@link withInternalizedStrings}), `{}` when absent. */
  readonly parameters: unknown;
  readonly enforcement: Enforcement;
  readonly matcher: Matcher;
}

/** Options for {@link parseConstraint}. */
export interface ParseConstraintOptions {
  readonly file?: string;
  /** Skip the enforcementAction check (Gatekeeper's `--disable-enforcementaction-validation`). */
  readonly skipEnforcementActionValidation?: boolean;
}

/**
 * Validates a constraint against its template: kind, name (DNS-1123 subdomain, at most 63
 * characters), group and version, spec.match, parameters against the template's schema,
 * selectors and enforcement action — in Gatekeeper's order; the first problem is thrown as a
 * {@link ConstraintError}. `template` is the template for the constraint's kind, or undefined.
 */
export function parseConstraint(
  doc: unknown,
  template: ParsedTemplate | undefined,
  options: ParseConstraintOptions = {},
): ParsedConstraint {
  const origin: { file?: string; name?: string; kind?: string } = {};
  if (options.file !== undefined) origin.file = options.file;
  const fail = (code: ConstraintErrorCode, detail: string): never => {
    throw new ConstraintError(code, detail, origin);
  };
  if (!isObject(doc)) return fail("constraint_malformed", "the document is not an object");
  const kind = stringAt(doc, "kind") ?? "";
  const name = stringAt(objectAt(doc, "metadata"), "name") ?? "";
  if (kind !== "") origin.kind = kind;
  if (name !== "") origin.name = name;
  if (kind === "") return fail("constraint_malformed", "kind is required");
  if (template === undefined || template.kind !== kind) {
    return fail(
      "constraint_unknown_kind",
      `Constraint kind "${kind}" is not recognized: no ConstraintTemplate defines it`,
    );
  }
  if (name === "") return fail("constraint_name", "metadata.name is required");
  if (name.length > MAX_NAME)
    fail("constraint_name", `metadata.name must be at most ${MAX_NAME} characters, got ${name.length}`);
  if (!DNS1123_SUBDOMAIN.test(name)) {
    fail(
      "constraint_name",
      `invalid name "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  }
  const apiVersion = stringAt(doc, "apiVersion") ?? "";
  const [group, version] = apiVersion.split("/");
  if (group !== CONSTRAINTS_GROUP) {
    fail(
      "constraint_group",
      `unsupported group "${group ?? ""}" for constraint "${name}"; allowed group: "${CONSTRAINTS_GROUP}"`,
    );
  }
  if (version === undefined || !CONSTRAINT_VERSIONS.has(version)) {
    fail(
      "constraint_version",
      `unsupported version "${version ?? ""}" for constraint "${name}"; supported versions: v1alpha1, v1beta1`,
    );
  }
  const spec = doc.spec;
  if (spec !== undefined && spec !== null && !isObject(spec))
    fail("constraint_schema", "spec must be an object");
  const match = isObject(spec) ? spec.match : undefined;
  if (match !== undefined && match !== null) {
    const problems = checkMatchSchema(match);
    if (problems.length > 0) fail("constraint_schema", problems.join("; "));
  }
  const parameters = isObject(spec) ? spec.parameters : undefined;
  const paramProblems = template.parameters.validate(parameters ?? undefined);
  if (paramProblems.schema.length > 0) fail("constraint_schema", paramProblems.schema.join("; "));
  if (paramProblems.unknownFields.length > 0)
    fail("constraint_unknown_fields", `unknown fields: ${paramProblems.unknownFields.join(", ")}`);
  const selectorProblems = [
    ...validateLabelSelector(objectAt(match, "labelSelector"), "spec.match.labelSelector"),
    ...validateLabelSelector(objectAt(match, "namespaceSelector"), "spec.match.namespaceSelector"),
  ];
  if (selectorProblems.length > 0) fail("constraint_selector", selectorProblems.join("; "));
  const { enforcement, problems } = readEnforcement(spec);
  if (problems.length > 0 && options.skipEnforcementActionValidation !== true) {
    fail("constraint_enforcement_action", problems.join("; "));
  }
  return {
    kind,
    name,
    apiVersion,
    file: options.file,
    object: doc,
    parameters: parameters === undefined || parameters === null ? {} : withInternalizedStrings(parameters),
    enforcement,
    matcher: compileMatch(match),
  };
}
