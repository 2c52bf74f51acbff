import type { JsonObject, TemplateSource } from "./driver.js";
import { InvalidTemplateError, type Origin } from "./errors.js";
import { arrayAt, isObject, objectAt, pathAt, stringAt } from "./json-util.js";
import { compileParameterSchema, type ParameterSchema } from "./parameter-schema.js";

/** The only target Gatekeeper supports. */
export const K8S_TARGET = "admission.k8s.gatekeeper.sh";
/** API group of ConstraintTemplates. */
export const TEMPLATES_GROUP = "templates.gatekeeper.sh";
/** Engine names used in `code[].engine`. */
export const REGO_ENGINE = "Rego";
export const CEL_ENGINE = "K8sNativeValidation";

const TEMPLATE_VERSIONS: ReadonlySet<string> = new Set(["v1", "v1beta1", "v1alpha1"]);
const OPERATIONS: ReadonlySet<string> = new Set(["*", "CREATE", "UPDATE", "DELETE", "CONNECT"]);
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Which engine a template should run on: the default precedence, or a forced one. */
export type EngineChoice = "auto" | "rego" | "cel";

/** One `code[]` entry (the legacy `rego`/`libs` fields become a `Rego` entry). */
export interface TemplateCode {
  readonly engine: string;
  readonly source: JsonObject;
}

/** A validated ConstraintTemplate. */
export interface ParsedTemplate {
  /** `metadata.name`, the lowercased kind. */
  readonly name: string;
  /** `spec.crd.spec.names.kind`. */
  readonly kind: string;
  readonly apiVersion: string;
  readonly file: string | undefined;
  /** The template as given. */
  readonly object: JsonObject;
  readonly shortNames: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** `targets[0].operations`; empty means all operations. */
  readonly operations: readonly string[];
  /** Code entries by engine, in the template's order, legacy Rego first. */
  readonly code: readonly TemplateCode[];
  /** `openAPIV3Schema` of the parameters, compiled. */
  readonly parameters: ParameterSchema;
}

/** Options for {@link parseTemplate}. */
export interface ParseTemplateOptions {
  /** File the template came from, for messages. */
  readonly file?: string;
}

/**
 * Validates a ConstraintTemplate document (templates.gatekeeper.sh v1, v1beta1, v1alpha1).
 * Throws {@link InvalidTemplateError} naming the template and its file.
 */
export function parseTemplate(doc: unknown, options: ParseTemplateOptions = {}): ParsedTemplate {
  const origin: { file?: string; name?: string } = {};
  if (options.file !== undefined) origin.file = options.file;
  const fail = (code: string, detail: string): never => {
    throw new InvalidTemplateError(code, detail, origin);
  };
  if (!isObject(doc)) return fail("template_malformed", "the document is not an object");
  const name = stringAt(objectAt(doc, "metadata"), "name");
  if (name !== undefined) origin.name = name;

  const apiVersion = stringAt(doc, "apiVersion") ?? "";
  const [group, version] = apiVersion.split("/");
  if (group !== TEMPLATES_GROUP || version === undefined || !TEMPLATE_VERSIONS.has(version)) {
    fail(
      "template_version",
      `apiVersion must be ${TEMPLATES_GROUP}/v1, v1beta1 or v1alpha1, got "${apiVersion}"`,
    );
  }
  if (stringAt(doc, "kind") !== "ConstraintTemplate") {
    fail("template_malformed", `kind must be ConstraintTemplate, got "${String(doc.kind)}"`);
  }
  if (name === undefined || name === "") return fail("template_name", "metadata.name is required");

  const names = pathAt(doc, "spec", "crd", "spec", "names");
  const kind = stringAt(names, "kind");
  if (kind === undefined || kind === "") return fail("template_kind", "spec.crd.spec.names.kind is required");
  if (name !== kind.toLowerCase()) {
    fail(
      "template_name_mismatch",
      `metadata.name "${name}" must be the lowercased kind of spec.crd.spec.names.kind ("${kind.toLowerCase()}")`,
    );
  }
  if (!DNS1035_LABEL.test(name) || name.length > 63) {
    fail("template_kind", `kind "${kind}" lowercased must be a DNS-1035 label of at most 63 characters`);
  }
  const shortNames = (arrayAt(names, "shortNames") ?? []).filter((s): s is string => typeof s === "string");

  const target = parseTarget(doc, fail);
  const validation = pathAt(doc, "spec", "crd", "spec", "validation");
  const legacyDefault = version !== "v1";
  const legacyRaw = isObject(validation) ? validation.legacySchema : undefined;
  if (legacyRaw !== undefined && typeof legacyRaw !== "boolean")
    fail("template_schema", "legacySchema must be a boolean");
  const legacySchema = typeof legacyRaw === "boolean" ? legacyRaw : legacyDefault;
  const schemaRaw = isObject(validation) ? validation.openAPIV3Schema : undefined;
  if (schemaRaw !== undefined && schemaRaw !== null && !isObject(schemaRaw)) {
    fail("template_schema", "spec.crd.spec.validation.openAPIV3Schema must be an object");
  }
  let parameters: ParameterSchema;
  try {
    parameters = compileParameterSchema(isObject(schemaRaw) ? schemaRaw : undefined, legacySchema);
  } catch (e: unknown) {
    return fail(
      "template_schema",
      `spec.crd.spec.validation.openAPIV3Schema: ${e instanceof Error ? e.message : String(e)}`,
    );
  }

  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(objectAt(objectAt(doc, "metadata"), "labels") ?? {})) {
    if (typeof v === "string") labels[k] = v;
  }
  return {
    name,
    kind,
    apiVersion,
    file: options.file,
    object: doc,
    shortNames,
    labels,
    operations: target.operations,
    code: target.code,
    parameters,
  };
}

type Fail = (code: string, detail: string) => never;

function parseTarget(doc: JsonObject, fail: Fail): { operations: string[]; code: TemplateCode[] } {
  const spec = objectAt(doc, "spec");
  if (spec === undefined) return fail("template_malformed", "spec is required");
  const targets = spec.targets;
  if (targets === undefined || targets === null)
    return fail("template_targets", `field "targets" not specified in ConstraintTemplate spec`);
  if (!Array.isArray(targets)) return fail("template_targets", "spec.targets must be a list");
  if (targets.length === 0)
    return fail("template_targets", "no targets specified: ConstraintTemplate must specify one target");
  if (targets.length > 1)
    return fail("template_targets", "multi-target templates are not currently supported");
  const t: unknown = targets[0];
  if (!isObject(t)) return fail("template_targets", "spec.targets[0] must be an object");
  if (t.target !== K8S_TARGET) {
    fail(
      "template_targets",
      `unknown target "${String(t.target)}": the only supported target is ${K8S_TARGET}`,
    );
  }
  return { operations: parseOperations(t.operations, fail), code: parseCode(t, fail) };
}

function parseOperations(raw: unknown, fail: Fail): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return fail("template_operations", "spec.targets[0].operations must be a list");
  const ops: string[] = [];
  for (const op of raw) {
    if (typeof op !== "string" || !OPERATIONS.has(op)) {
      fail(
        "template_operations",
        `unknown operation ${JSON.stringify(op)}: use *, CREATE, UPDATE, DELETE or CONNECT`,
      );
    }
    ops.push(String(op));
  }
  if (ops.includes("*") && ops.length > 1)
    fail("template_operations", `"*" must be the only operation when present`);
  return ops;
}

function parseCode(t: JsonObject, fail: Fail): TemplateCode[] {
  const code: TemplateCode[] = [];
  const legacy = t.rego;
  if (legacy !== undefined && legacy !== null && typeof legacy !== "string")
    fail("template_code", "spec.targets[0].rego must be a string");
  const libs = t.libs;
  if (
    libs !== undefined &&
    libs !== null &&
    !(Array.isArray(libs) && libs.every((l) => typeof l === "string"))
  ) {
    fail("template_code", "spec.targets[0].libs must be a list of strings");
  }
  const hasLegacy = typeof legacy === "string" && legacy !== "";
  if (hasLegacy)
    code.push({ engine: REGO_ENGINE, source: { rego: legacy, libs: Array.isArray(libs) ? libs : [] } });
  const entries = t.code;
  if (entries !== undefined && entries !== null) {
    if (!Array.isArray(entries)) return fail("template_code", "spec.targets[0].code must be a list");
    const seen = new Set<string>();
    const list: readonly unknown[] = entries;
    for (const [i, entry] of list.entries()) {
      const where = `spec.targets[0].code[${i}]`;
      if (!isObject(entry)) return fail("template_code", `${where} must be an object`);
      const engine = entry.engine;
      if (typeof engine !== "string" || engine === "")
        return fail("template_code", `${where}.engine is required`);
      if (seen.has(engine)) fail("template_code", `${where}: engine ${engine} is listed more than once`);
      seen.add(engine);
      const source = entry.source;
      if (!isObject(source)) return fail("template_code", `${where}.source must be an object`);
      if (engine === REGO_ENGINE) {
        checkRegoSource(source, where, fail);
        if (hasLegacy) continue;
      }
      code.push({ engine, source });
    }
  }
  return code;
}

function checkRegoSource(source: JsonObject, where: string, fail: Fail): void {
  if (typeof source.rego !== "string")
    fail("template_code", `${where}.source.rego is required and must be a string`);
  const libs = source.libs;
  if (
    libs !== undefined &&
    libs !== null &&
    !(Array.isArray(libs) && libs.every((l) => typeof l === "string"))
  ) {
    fail("template_code", `${where}.source.libs must be a list of strings`);
  }
  const v = source.version;
  if (v !== undefined && v !== null && v !== "" && v !== "v0" && v !== "v1") {
    fail("template_code", `${where}.source.version must be "v0" or "v1", got ${JSON.stringify(v)}`);
  }
}

/**
 * Picks the code a template runs: `auto` prefers CEL (K8sNativeValidation) over Rego when both
 * are present and a CEL driver is available; `rego`/`cel` force the engine. Throws
 * {@link InvalidTemplateError} `template_no_code` when the template has no code for the engine.
 */
export function selectCode(
  template: ParsedTemplate,
  choice: EngineChoice,
  available: ReadonlySet<string> = new Set([REGO_ENGINE, CEL_ENGINE]),
): TemplateSource {
  const byEngine = new Map(template.code.map((c) => [c.engine, c]));
  const origin: Origin =
    template.file === undefined ? { name: template.name } : { name: template.name, file: template.file };
  let picked: TemplateCode | undefined;
  if (choice === "auto") {
    const cel = byEngine.get(CEL_ENGINE);
    const rego = byEngine.get(REGO_ENGINE);
    picked =
      cel !== undefined && available.has(CEL_ENGINE)
        ? cel
        : rego !== undefined && available.has(REGO_ENGINE)
          ? rego
          : undefined;
    if (picked === undefined) {
      const engines = template.code.map((c) => c.engine);
      const detail =
        engines.length === 0
          ? "no code for this engine: the template has neither rego nor code[]"
          : `no code for this engine: the template has code for ${engines.join(", ")}, but no driver for it is available`;
      throw new InvalidTemplateError("template_no_code", detail, origin);
    }
  } else {
    const engine = choice === "rego" ? REGO_ENGINE : CEL_ENGINE;
    picked = byEngine.get(engine);
    if (picked === undefined) {
      throw new InvalidTemplateError("template_no_code", `no code for this engine (${engine})`, origin);
    }
  }
  const out: { name: string; kind: string; engine: string; source: JsonObject; file?: string } = {
    name: template.name,
    kind: template.kind,
    engine: picked.engine,
    source: picked.source,
  };
  if (template.file !== undefined) out.file = template.file;
  return out;
}
