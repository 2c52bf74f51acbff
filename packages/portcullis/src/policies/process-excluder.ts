import { compileWildcardList, type WildcardPredicate } from "@portcullis/constraint";

/** Gatekeeper processes a Config `match[]` entry can exclude namespaces from. */
export const PROCESSES = ["audit", "webhook", "sync", "mutation-webhook"] as const;
/** One process name. */
export type Process = (typeof PROCESSES)[number];

/** One `spec.match[]` entry of a Config. */
export interface ExclusionEntry {
  readonly excludedNamespaces: readonly string[];
  readonly processes: readonly string[];
}

/** What the excluder needs of an object: its kind and group, name and namespace. */
export interface ExclusionSubject {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/**
 * Config's per-process namespace exclusions (`spec.match[]`, process `*` meaning all). For a
 * core Namespace object the object's own name is checked, otherwise its namespace; patterns are
 * Gatekeeper wildcards (`kube-*`, `*-system`).
 */
export class ProcessExcluder {
  private readonly patterns: ReadonlyMap<Process, readonly string[]>;
  private readonly predicates = new Map<Process, WildcardPredicate>();

  constructor(entries: readonly ExclusionEntry[] = []) {
    const byProcess = new Map<Process, string[]>();
    for (const entry of entries) {
      for (const op of entry.processes) {
        const targets: readonly Process[] = op === "*" ? PROCESSES : PROCESSES.filter((p) => p === op);
        for (const p of targets) {
          const list = byProcess.get(p) ?? [];
          for (const ns of entry.excludedNamespaces) if (!list.includes(ns)) list.push(ns);
          byProcess.set(p, list);
        }
      }
    }
    this.patterns = byProcess;
  }

  /** The excluded namespace patterns of a process. */
  excludedNamespaces(process: Process): readonly string[] {
    return this.patterns.get(process) ?? [];
  }

  /** True when the subject is excluded from the process. */
  isExcluded(process: Process, subject: ExclusionSubject): boolean {
    const patterns = this.patterns.get(process);
    if (patterns === undefined || patterns.length === 0) return false;
    let predicate = this.predicates.get(process);
    if (predicate === undefined) {
      predicate = compileWildcardList(patterns);
      this.predicates.set(process, predicate);
    }
    const isNamespace = subject.kind === "Namespace" && subject.group === "";
    return predicate(isNamespace ? subject.name : subject.namespace);
  }
}
