import { K8S_TARGET } from "./templates.js";

/** Where a stat comes from: the engine a template ran on (the constraint framework's `Source`). */
export interface StatSource {
  readonly type: "engine";
  readonly value: string;
}

/** One measurement (the constraint framework's `instrumentation.Stat`). */
export interface Stat {
  readonly name: string;
  readonly value: number;
  readonly source: StatSource;
}

/** A label of a stats entry: how the evaluation was set up. */
export interface StatLabel {
  readonly name: string;
  readonly value: string | boolean;
}

/** The stats of one template in one review (the constraint framework's `StatsEntry`). */
export interface StatsEntry {
  readonly scope: "template";
  /** The template's constraint kind. */
  readonly statsFor: string;
  readonly stats: readonly Stat[];
  readonly labels: readonly StatLabel[];
}

/** Name of the stat timing a template's evaluation of its constraints, in nanoseconds. */
export const TEMPLATE_RUN_TIME_NS = "templateRunTimeNS";
/** Name of the stat counting the constraints a template evaluated. */
export const CONSTRAINT_COUNT = "constraintCount";

/** What each stat means, as the constraint framework describes it. */
export const STAT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [TEMPLATE_RUN_TIME_NS]: "the number of nanoseconds it took to evaluate all constraints for a template",
  [CONSTRAINT_COUNT]: "the number of constraints that were evaluated for the given constraint kind",
};

const LABELS: readonly StatLabel[] = [
  { name: "TracingEnabled", value: false },
  { name: "PrintEnabled", value: false },
  { name: "target", value: K8S_TARGET },
];

/** The stats entry of a template that evaluated `constraints` constraints in `ms` milliseconds. */
export function templateStats(kind: string, engine: string, ms: number, constraints: number): StatsEntry {
  const source: StatSource = { type: "engine", value: engine };
  return {
    scope: "template",
    statsFor: kind,
    stats: [
      { name: TEMPLATE_RUN_TIME_NS, value: Math.round(ms * 1e6), source },
      { name: CONSTRAINT_COUNT, value: constraints, source },
    ],
    labels: LABELS,
  };
}

/** Label of the stats of an object an ExpansionTemplate generated: the template's name. */
export const IMPLIED_BY_LABEL = "Implied by";

/** A generated object's stats entry as its parent's review reports it (Gatekeeper's `AggregateStats`). */
export function impliedStats(entry: StatsEntry, templateName: string): StatsEntry {
  return { ...entry, labels: [...entry.labels, { name: IMPLIED_BY_LABEL, value: templateName }] };
}

/** The constraint framework's description of a stat it does not know. */
export const UNKNOWN_DESCRIPTION = "unknown description";

/** A stat with what it means, as Gatekeeper logs it. */
export interface DescribedStat extends Stat {
  readonly description: string;
}

/** A stats entry whose stats carry their descriptions (Gatekeeper's `StatsEntryWithDesc`). */
export interface DescribedStatsEntry extends Omit<StatsEntry, "stats"> {
  readonly stats: readonly DescribedStat[];
}

/** Stats entries as Gatekeeper's `--log-stats-*` lines write them: each stat with its description. */
export function describeStats(entries: readonly StatsEntry[]): DescribedStatsEntry[] {
  return entries.map((entry) => ({
    scope: entry.scope,
    statsFor: entry.statsFor,
    stats: entry.stats.map((s) => ({ ...s, description: STAT_DESCRIPTIONS[s.name] ?? UNKNOWN_DESCRIPTION })),
    labels: entry.labels,
  }));
}
