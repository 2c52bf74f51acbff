import { type ExclusionEntry, PROCESSES, ProcessExcluder } from "./process-excluder.js";

/** API group of Gatekeeper's Config. */
export const CONFIG_GROUP = "config.gatekeeper.sh";
/** The only Config Gatekeeper reads is named `config`. */
export const CONFIG_NAME = "config";

/** A group/version/kind from `spec.sync.syncOnly[]`. */
export interface SyncGvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/**
 * A `spec.validation.traces[]` entry: admission requests by `user` for objects of `kind` are
 * reviewed with a trace, logged; with `dump: All`, the policies in force are logged too.
 */
export interface TraceRule {
  readonly user: string;
  readonly kind: SyncGvk;
  readonly dump: string;
}

/** What the server takes from a Config. */
export interface GatekeeperConfig {
  readonly excluder: ProcessExcluder;
  readonly syncOnly: readonly SyncGvk[];
  readonly traces: readonly TraceRule[];
}

/** The configuration when no Config is given: nothing excluded, synced or traced. */
export const EMPTY_CONFIG: GatekeeperConfig = { excluder: new ProcessExcluder(), syncOnly: [], traces: [] };

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function strings(v: unknown, at: string, problems: string[]): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    problems.push(`${at} must be a list`);
    return [];
  }
  const out: string[] = [];
  v.forEach((s: unknown, i: number) => {
    if (typeof s === "string") out.push(s);
    else problems.push(`${at}[${i}] must be a string`);
  });
  return out;
}

const KNOWN_PROCESSES: ReadonlySet<string> = new Set([...PROCESSES, "*"]);

function gvk(v: Json): SyncGvk {
  return {
    group: typeof v.group === "string" ? v.group : "",
    version: typeof v.version === "string" ? v.version : "",
    kind: typeof v.kind === "string" ? v.kind : "",
  };
}

function traceRules(validation: unknown, problems: string[]): TraceRule[] {
  const traces = isObject(validation) ? validation.traces : undefined;
  if (traces === undefined || traces === null) return [];
  if (!Array.isArray(traces)) {
    problems.push("spec.validation.traces must be a list");
    return [];
  }
  const out: TraceRule[] = [];
  traces.forEach((t: unknown, i: number) => {
    if (!isObject(t)) {
      problems.push(`spec.validation.traces[${i}] must be an object`);
      return;
    }
    out.push({
      user: typeof t.user === "string" ? t.user : "",
      kind: isObject(t.kind) ? gvk(t.kind) : gvk({}),
      dump: typeof t.dump === "string" ? t.dump : "",
    });
  });
  return out;
}

/**
 * Reads a `config.gatekeeper.sh` Config: `spec.match[] {excludedNamespaces, processes}`,
 * `spec.sync.syncOnly[]` and `spec.validation.traces[]`. Returns the configuration and the
 * problems found (unknown processes, mistyped fields); a problem never drops the rest of it.
 */
export function parseConfig(doc: Json): { config: GatekeeperConfig; problems: string[] } {
  const problems: string[] = [];
  const spec = isObject(doc.spec) ? doc.spec : {};
  const entries: ExclusionEntry[] = [];
  const match = spec.match;
  if (match !== undefined && match !== null && !Array.isArray(match))
    problems.push("spec.match must be a list");
  if (Array.isArray(match)) {
    match.forEach((m: unknown, i: number) => {
      const at = `spec.match[${i}]`;
      if (!isObject(m)) {
        problems.push(`${at} must be an object`);
        return;
      }
      const processes = strings(m.processes, `${at}.processes`, problems);
      for (const p of processes) {
        if (!KNOWN_PROCESSES.has(p)) problems.push(`${at}: unknown process "${p}"`);
      }
      entries.push({
        excludedNamespaces: strings(m.excludedNamespaces, `${at}.excludedNamespaces`, problems),
        processes,
      });
    });
  }
  const syncOnly: SyncGvk[] = [];
  const sync = isObject(spec.sync) ? spec.sync.syncOnly : undefined;
  if (Array.isArray(sync)) {
    for (const g of sync) if (isObject(g)) syncOnly.push(gvk(g));
  }
  const traces = traceRules(spec.validation, problems);
  return { config: { excluder: new ProcessExcluder(entries), syncOnly, traces }, problems };
}
