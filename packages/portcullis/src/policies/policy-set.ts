import {
  CEL_ENGINE,
  CONSTRAINTS_GROUP,
  ConstraintClient,
  ConstraintError,
  celDriver,
  createRegoDriver,
  type EngineChoice,
  EXPANSION_GROUP,
  EXTERNAL_DATA,
  ExpansionError,
  readEnforcement,
  regoDriver,
  TEMPLATES_GROUP,
  TemplateError,
} from "@portcullis/constraint";
import { isProviderDocument, type Provider, parseProvider } from "../external-data/provider-resource.js";
import {
  CONFIG_GROUP,
  CONFIG_NAME,
  EMPTY_CONFIG,
  type GatekeeperConfig,
  parseConfig,
} from "./config-resource.js";
import type { PolicyProblem } from "./policy-problem.js";
import type { PolicyDocument } from "./read-policy-files.js";
import { regoErrorPlace } from "./rego-positions.js";

type Json = Record<string, unknown>;

/** One template ingestion, for `gatekeeper_constraint_template_ingestion_*`. */
export interface Ingestion {
  readonly status: "active" | "error";
  readonly seconds: number;
}

/** Counts for Gatekeeper's policy gauges. */
export interface PolicyStats {
  readonly templates: { readonly active: number; readonly error: number };
  /** Constraints by enforcement action, then status. */
  readonly constraints: ReadonlyMap<string, { active: number; error: number }>;
  readonly templatesWithCel: number;
  /** ExpansionTemplates: loaded, and refused (invalid, or closing a cycle). */
  readonly expansions: { readonly active: number; readonly error: number };
  readonly ingestions: readonly Ingestion[];
}

/** Everything loaded from a policies directory, ready to serve. */
export interface PolicySet {
  readonly client: ConstraintClient;
  readonly config: GatekeeperConfig;
  /** Namespace objects given with the policies, by name. */
  readonly namespaces: ReadonlyMap<string, Json>;
  /** External data Providers, by name (none unless {@link PolicySetOptions.externalData}). */
  readonly providers: ReadonlyMap<string, Provider>;
  /**
   * Whether a loaded template may call `external_data` (its Rego names it): reviews then need an
   * external data session; the others are spared one.
   */
  readonly callsExternalData: boolean;
  readonly problems: readonly PolicyProblem[];
  readonly stats: PolicyStats;
  /** The documents it was built from: webhook worker threads build their own set from them. */
  readonly documents: readonly PolicyDocument[];
  /** Its ConstraintTemplates and constraints as read (refused ones included), and the Config in force. */
  readonly sorted: SortedDocuments;
}

/** A policy set's documents by what they are. */
export interface SortedDocuments {
  readonly templates: readonly PolicyDocument[];
  readonly constraints: readonly PolicyDocument[];
  /** The Config named `config` whose settings are in force; undefined when there is none. */
  readonly config: PolicyDocument | undefined;
}

/** Options of {@link buildPolicySet}. */
export interface PolicySetOptions {
  readonly engine?: EngineChoice;
  /**
   * Load ExpansionTemplates (Gatekeeper's `--enable-generator-resource-expansion`, default true);
   * when false they are ignored, as other kinds are.
   */
  readonly expansion?: boolean;
  /**
   * Rego builtins templates may not call (Gatekeeper's `--disable-opa-builtin`): a template that
   * calls one is refused with `rego_type_error: undefined function <name>`.
   */
  readonly disabledBuiltins?: readonly string[];
  /**
   * Accept constraints whose enforcementAction Gatekeeper does not know (its
   * `--disable-enforcementaction-validation`); their results are then dropped at the webhook.
   */
  readonly skipEnforcementActionValidation?: boolean;
  /**
   * Whether templates may read `data.inventory` (Gatekeeper's `--enable-referential-rules`,
   * default true); when false, a template that does is refused.
   */
  readonly referentialRules?: boolean;
  /**
   * Offer templates Gatekeeper's `external_data` and load Providers (its `--enable-external-data`,
   * on in `serve`); when false, Providers are ignored and a template calling it is refused.
   */
  readonly externalData?: boolean;
}

function str(o: unknown, key: string): string {
  if (typeof o !== "object" || o === null) return "";
  const v = (o as Json)[key];
  return typeof v === "string" ? v : "";
}

function groupOf(doc: Json): string {
  const apiVersion = str(doc, "apiVersion");
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

function where(d: PolicyDocument): string {
  return d.index > 1 ? `${d.file} (document ${d.index})` : d.file;
}

function gvkMatches(doc: Json, syncOnly: GatekeeperConfig["syncOnly"]): boolean {
  const apiVersion = str(doc, "apiVersion");
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const kind = str(doc, "kind");
  return syncOnly.some((g) => g.group === group && g.version === version && g.kind === kind);
}

/** Whether a template's Rego (or libs) names `external_data`: a call cannot do without. */
function namesExternalData(template: Json): boolean {
  const spec = template.spec;
  const targets = typeof spec === "object" && spec !== null ? (spec as Json).targets : undefined;
  return JSON.stringify(targets ?? null).includes(EXTERNAL_DATA);
}

/**
 * Builds a fresh {@link ConstraintClient} (Rego and CEL drivers) from policy documents:
 * Config first, then templates, then constraints and ExpansionTemplates, then objects Config syncs into
 * `data.inventory`. Every bad document becomes a problem naming its file; the rest load.
 */
export function buildPolicySet(
  documents: readonly PolicyDocument[],
  options: PolicySetOptions = {},
): PolicySet {
  const disabled = options.disabledBuiltins ?? [];
  const referential = options.referentialRules !== false;
  const externalData = options.externalData === true;
  const rego =
    disabled.length === 0 && referential && !externalData
      ? regoDriver
      : createRegoDriver({ disabledBuiltins: disabled, referentialRules: referential, externalData });
  const client = new ConstraintClient({
    drivers: [rego, celDriver],
    engine: options.engine ?? "auto",
    skipEnforcementActionValidation: options.skipEnforcementActionValidation === true,
  });
  const problems: PolicyProblem[] = [];
  const namespaces = new Map<string, Json>();
  const providers = new Map<string, Provider>();
  const templates: PolicyDocument[] = [];
  const constraints: PolicyDocument[] = [];
  const expansions: PolicyDocument[] = [];
  const others: PolicyDocument[] = [];
  let config = EMPTY_CONFIG;
  let configDocument: PolicyDocument | undefined;
  for (const d of documents) {
    const group = groupOf(d.object);
    const kind = str(d.object, "kind");
    if (group === TEMPLATES_GROUP && kind === "ConstraintTemplate") templates.push(d);
    else if (group === CONSTRAINTS_GROUP) constraints.push(d);
    else if (group === EXPANSION_GROUP && kind === "ExpansionTemplate") {
      if (options.expansion !== false) expansions.push(d);
    } else if (externalData && isProviderDocument(d.object)) {
      const parsed = parseProvider(d.object);
      if ("provider" in parsed) providers.set(parsed.provider.name, parsed.provider);
      else
        problems.push({ file: d.file, code: "provider_invalid", message: `${where(d)}: ${parsed.problem}` });
    } else if (group === CONFIG_GROUP && kind === "Config") {
      const name = str(d.object.metadata, "name");
      if (name !== CONFIG_NAME) {
        problems.push({
          file: d.file,
          code: "config_name",
          message: `${where(d)}: Config "${name}" ignored: the Config must be named "${CONFIG_NAME}"`,
        });
        continue;
      }
      const parsed = parseConfig(d.object);
      config = parsed.config;
      configDocument = d;
      for (const p of parsed.problems)
        problems.push({ file: d.file, code: "config_invalid", message: `${where(d)}: ${p}` });
    } else {
      if (group === "" && kind === "Namespace") {
        const name = str(d.object.metadata, "name");
        if (name !== "") namespaces.set(name, d.object);
      }
      others.push(d);
    }
  }
  let active = 0;
  let errors = 0;
  let withCel = 0;
  let callsExternalData = false;
  const ingestions: Ingestion[] = [];
  for (const d of templates) {
    const started = performance.now();
    try {
      const entry = client.addTemplate(d.object, { file: where(d) });
      active++;
      if (externalData && !callsExternalData) callsExternalData = namesExternalData(d.object);
      if (entry.template.code.some((c) => c.engine === CEL_ENGINE)) withCel++;
      ingestions.push({ status: "active", seconds: (performance.now() - started) / 1000 });
    } catch (e: unknown) {
      if (!(e instanceof TemplateError)) throw e;
      errors++;
      ingestions.push({ status: "error", seconds: (performance.now() - started) / 1000 });
      const place = regoErrorPlace(d.regoPositions, str(d.object.metadata, "name"), e.location);
      problems.push({ file: d.file, code: e.code, message: e.message, ...(place ?? {}) });
    }
  }
  const byAction = new Map<string, { active: number; error: number }>();
  const count = (action: string, status: "active" | "error"): void => {
    const c = byAction.get(action) ?? { active: 0, error: 0 };
    c[status]++;
    byAction.set(action, c);
  };
  for (const d of constraints) {
    const action = readEnforcement(d.object.spec).enforcement.action;
    try {
      client.addConstraint(d.object, { file: where(d) });
      count(action, "active");
    } catch (e: unknown) {
      if (!(e instanceof ConstraintError)) throw e;
      count(action, "error");
      problems.push({ file: d.file, code: e.code, message: e.message });
    }
  }
  const expansionCounts = { active: 0, error: 0 };
  for (const d of expansions) {
    try {
      client.addExpansionTemplate(d.object);
      expansionCounts.active++;
    } catch (e: unknown) {
      if (!(e instanceof ExpansionError)) throw e;
      expansionCounts.error++;
      problems.push({ file: d.file, code: e.code, message: `${where(d)}: ${e.message}` });
    }
  }
  if (config.syncOnly.length > 0) {
    for (const d of others) if (gvkMatches(d.object, config.syncOnly)) client.addData(d.object);
  }
  return {
    client,
    config,
    namespaces,
    providers,
    callsExternalData,
    documents,
    sorted: { templates, constraints, config: configDocument },
    problems,
    stats: {
      templates: { active, error: errors },
      constraints: byAction,
      templatesWithCel: withCel,
      expansions: expansionCounts,
      ingestions,
    },
  };
}
