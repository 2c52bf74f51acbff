import { readFileSync } from "node:fs";
import {
  CONSTRAINTS_GROUP,
  ConstraintClient,
  celDriver,
  createRegoDriver,
  type EngineChoice,
  EXPANSION_GROUP,
  ExpansionError,
  type JsonObject,
  parseYamlObjects,
  regoDriver,
  TEMPLATES_GROUP,
  TemplateError,
} from "@portcullis/constraint";
import type { ExternalDataSettings } from "../external-data/external-data-service.js";
import type { Provider } from "../external-data/provider-resource.js";
import { CONFIG_GROUP, CONFIG_NAME } from "../policies/config-resource.js";
import { type RegoSourcePositions, regoErrorPlace, templatePositions } from "../policies/rego-positions.js";
import { AuditError, errorMessage } from "./errors.js";
import { manifestFiles } from "./manifest-files.js";

/** A policy document and the file it came from. */
export interface PolicyDoc {
  readonly doc: JsonObject;
  readonly file: string | undefined;
  /** For templates: the engine to run (`rego`/`cel`); `auto` when not fixed. */
  readonly engine?: EngineChoice;
  /** For templates read from YAML: where their Rego sources are, to place Rego errors. */
  readonly regoPositions?: RegoSourcePositions;
}

/** Templates, constraints and synced data, as documents: what a worker needs to build its own client. */
export interface PolicySet {
  readonly templates: readonly PolicyDoc[];
  readonly constraints: readonly PolicyDoc[];
  /** ExpansionTemplates, when there are any. */
  readonly expansions?: readonly PolicyDoc[];
  /** Objects under `data.inventory` (Config-synced data), when there are any. */
  readonly inventory?: readonly unknown[];
  /** Gatekeeper's Config (`config.gatekeeper.sh` Config named `config`), when the files hold one. */
  readonly config?: PolicyDoc;
  /** External data, when on: templates may call `external_data`, answered by these Providers. */
  readonly externalData?: AuditExternalData;
}

/** What an audit answers templates' `external_data` calls with. */
export interface AuditExternalData {
  readonly providers: readonly Provider[];
  readonly settings: ExternalDataSettings;
}

function group(doc: JsonObject): string {
  const v = doc.apiVersion;
  if (typeof v !== "string") return "";
  const i = v.indexOf("/");
  return i < 0 ? "" : v.slice(0, i);
}

/**
 * Reads ConstraintTemplates, constraints, ExpansionTemplates and the Config named `config` from a
 * file or a folder of manifests (other kinds are ignored). Throws {@link AuditError} naming the file, with line:col for bad YAML.
 */
export function readPolicies(path: string): PolicySet {
  let files: string[];
  try {
    files = manifestFiles(path);
  } catch (e: unknown) {
    throw new AuditError("policies_not_found", `${path}: ${errorMessage(e)}`, { file: path, cause: e });
  }
  const templates: PolicyDoc[] = [];
  const constraints: PolicyDoc[] = [];
  const expansions: PolicyDoc[] = [];
  let config: PolicyDoc | undefined;
  for (const file of files) {
    let docs: JsonObject[];
    let text: string;
    try {
      text = readFileSync(file, "utf8");
      docs = parseYamlObjects(text, file);
    } catch (e: unknown) {
      throw new AuditError("policy_invalid", errorMessage(e), { file, cause: e });
    }
    const positions = templatePositions(text, docs);
    for (const [i, doc] of docs.entries()) {
      const g = group(doc);
      const regoPositions = positions[i];
      if (g === TEMPLATES_GROUP && doc.kind === "ConstraintTemplate")
        templates.push({ doc, file, ...(regoPositions !== undefined ? { regoPositions } : {}) });
      else if (g === CONSTRAINTS_GROUP) constraints.push({ doc, file });
      else if (g === EXPANSION_GROUP && doc.kind === "ExpansionTemplate") expansions.push({ doc, file });
      else if (g === CONFIG_GROUP && doc.kind === "Config" && nameOf(doc) === CONFIG_NAME)
        config = { doc, file };
    }
  }
  return {
    templates,
    constraints,
    ...(expansions.length > 0 ? { expansions } : {}),
    ...(config !== undefined ? { config } : {}),
  };
}

function nameOf(doc: JsonObject): string {
  const md = doc.metadata;
  if (typeof md !== "object" || md === null || Array.isArray(md) || !("name" in md)) return "";
  return typeof md.name === "string" ? md.name : "";
}

const externalDataRegoDriver = createRegoDriver({ externalData: true });

/** A client with the Rego and CEL drivers; with `externalData`, Rego offers `external_data`. */
export function newClient(
  engine: EngineChoice = "auto",
  options: { readonly externalData?: boolean } = {},
): ConstraintClient {
  const rego = options.externalData === true ? externalDataRegoDriver : regoDriver;
  return new ConstraintClient({ drivers: [rego, celDriver], engine });
}

/**
 * Adds a policy set to a client: templates first, then constraints, then ExpansionTemplates.
 * Throws {@link AuditError} (`policy_invalid`) naming the file of the first document that does
 * not load; ExpansionTemplates that form a cycle load, and expand nothing.
 */
export function loadPolicySet(client: ConstraintClient, set: PolicySet): ConstraintClient {
  for (const t of set.templates) {
    try {
      client.addTemplate(t.doc, {
        ...(t.file !== undefined ? { file: t.file } : {}),
        ...(t.engine !== undefined ? { engine: t.engine } : {}),
      });
    } catch (e: unknown) {
      const place =
        e instanceof TemplateError ? regoErrorPlace(t.regoPositions, nameOf(t.doc), e.location) : undefined;
      const where =
        place !== undefined && t.file !== undefined ? `${t.file}:${place.line}:${place.col}: ` : "";
      throw new AuditError("policy_invalid", `${where}${errorMessage(e)}`, {
        ...(t.file ? { file: t.file } : {}),
        cause: e,
      });
    }
  }
  for (const obj of set.inventory ?? []) client.addData(obj);
  for (const c of set.constraints) {
    try {
      client.addConstraint(c.doc, c.file !== undefined ? { file: c.file } : {});
    } catch (e: unknown) {
      throw new AuditError("policy_invalid", errorMessage(e), {
        ...(c.file ? { file: c.file } : {}),
        cause: e,
      });
    }
  }
  for (const x of set.expansions ?? []) {
    try {
      client.addExpansionTemplate(x.doc);
    } catch (e: unknown) {
      // A template that closes a cycle is kept and expands nothing, as in Gatekeeper's audit.
      if (e instanceof ExpansionError && e.code === "expansion_cycle") continue;
      throw new AuditError("policy_invalid", errorMessage(e), {
        ...(x.file ? { file: x.file } : {}),
        cause: e,
      });
    }
  }
  return client;
}

/** The policy set a client holds, with each template pinned to the engine it runs on. */
export function policySetOf(client: ConstraintClient): PolicySet {
  return {
    templates: client.templates().map((t) => ({
      doc: t.template.object,
      file: t.template.file,
      engine: t.engine === "K8sNativeValidation" ? "cel" : "rego",
    })),
    constraints: client.constraints().map((c) => ({ doc: c.object, file: c.file })),
    expansions: client.expansionTemplates().map((x) => ({ doc: x.object, file: undefined })),
    inventory: client.inventory.objects(),
  };
}
