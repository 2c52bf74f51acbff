import { REGO_ENGINE, type StatsEntry } from "@portcullis/constraint";
import type { JsonValue } from "@portcullis/rego";
import { stringify } from "yaml";
import { type GoJson, GoStruct, goJson } from "../rego-tools/index.js";
import type { GatorTestResult, ReviewTrace } from "./evaluate-documents.js";
import { toJsonValue } from "./to-json-value.js";

/** The `-o` formats of `portcullis test` (gator's). */
export type TestOutputFormat = "default" | "json" | "yaml";

const TARGET = "admission.k8s.gatekeeper.sh";

function meta(obj: Readonly<Record<string, unknown>>): { namespace: string; name: string } {
  const md = obj.metadata;
  const get = (k: string): string => {
    const v = typeof md === "object" && md !== null && k in md ? Reflect.get(md, k) : undefined;
    return typeof v === "string" ? v : "";
  };
  return { namespace: get("namespace"), name: get("name") };
}

/** The object a result is about, as `<apiVersion>/<Kind> <ns>/<name>` (no `<ns>/` when cluster-scoped). */
export function formatObjectHeader(r: Pick<GatorTestResult, "object">): string {
  const { namespace, name } = meta(r.object);
  const apiVersion = typeof r.object.apiVersion === "string" ? r.object.apiVersion : "";
  const kind = typeof r.object.kind === "string" ? r.object.kind : "";
  const who = namespace === "" ? name : `${namespace}/${name}`;
  return `${apiVersion}/${kind} ${who}`;
}

/** A violation as Gatekeeper's webhook words it: `[<constraint>] <message>`. */
export function formatResultLine(r: GatorTestResult): string {
  return `[${r.result.constraint.name}] ${r.result.msg}`;
}

/** The `metadata` gator's results carry: Rego results hold `details`; CEL results none. */
function metadataOf(r: GatorTestResult): JsonValue | undefined {
  if (r.result.engine !== REGO_ENGINE && r.result.engine !== "") return undefined;
  return { details: toJsonValue(r.result.details) };
}

/** gator's JSON: the results as Go marshals them (4-space indent); `null` when there are none. */
export function formatResultsJson(results: readonly GatorTestResult[]): string {
  return `${goJson(resultsGoJson(results), "    ")}\n`;
}

function resultsGoJson(results: readonly GatorTestResult[]): GoJson {
  if (results.length === 0) return null;
  return results.map(
    (r) =>
      new GoStruct([
        ["target", TARGET],
        ["msg", r.result.msg === "" ? undefined : r.result.msg],
        ["metadata", metadataOf(r)],
        ["constraint", toJsonValue(r.result.constraint.object)],
        ["enforcementAction", r.result.enforcementAction === "" ? undefined : r.result.enforcementAction],
        [
          "scopedActions",
          r.result.scopedEnforcementActions.length === 0 ? undefined : [...r.result.scopedEnforcementActions],
        ],
        ["violatingObject", toJsonValue(r.object)],
        ["trace", r.trace ?? null],
      ]),
  );
}

/** A stats entry as Go marshals the constraint framework's `StatsEntry` (fields in order). */
function statsEntryGoJson(e: StatsEntry): GoStruct {
  return new GoStruct([
    ["scope", e.scope],
    ["statsFor", e.statsFor],
    [
      "stats",
      e.stats.map(
        (st) =>
          new GoStruct([
            ["name", st.name],
            ["value", st.value],
            [
              "source",
              new GoStruct([
                ["type", st.source.type],
                ["value", st.source.value],
              ]),
            ],
          ]),
      ),
    ],
    [
      "labels",
      e.labels.length === 0
        ? undefined
        : e.labels.map(
            (l) =>
              new GoStruct([
                ["name", l.name],
                ["value", l.value],
              ]),
          ),
    ],
  ]);
}

/** gator test --stats -o json: `{"results": …, "stats": […]}`, as Go marshals the map. */
export function formatResultsAndStatsJson(
  results: readonly GatorTestResult[],
  stats: readonly StatsEntry[],
): string {
  const both = new GoStruct([
    ["results", resultsGoJson(results)],
    ["stats", stats.map(statsEntryGoJson)],
  ]);
  return `${goJson(both, "    ")}\n`;
}

/**
 * gator's YAML: each result as `{result: {target, msg, metadata, constraint: {object},
 * enforcementaction, scopedenforcementactions}, violatingObject, trace}` (go-yaml's field names),
 * map keys sorted; `[]` when there are none.
 */
export function formatResultsYaml(results: readonly GatorTestResult[]): string {
  return stringify(resultsYamlItems(results), { indent: 4, lineWidth: 0 });
}

function resultsYamlItems(results: readonly GatorTestResult[]): JsonValue[] {
  return results.map((r) => ({
    result: {
      target: TARGET,
      msg: r.result.msg,
      metadata: sortedKeys(metadataOf(r) ?? null),
      constraint: { object: sortedKeys(toJsonValue(r.result.constraint.object)) },
      enforcementaction: r.result.enforcementAction,
      scopedenforcementactions: [...r.result.scopedEnforcementActions],
    },
    violatingObject: sortedKeys(toJsonValue(r.object)),
    trace: r.trace ?? null,
  }));
}

/**
 * gator test --stats -o yaml: `results` and `stats`, with go-yaml's field names (lowercased, so
 * `statsfor`).
 */
export function formatResultsAndStatsYaml(
  results: readonly GatorTestResult[],
  stats: readonly StatsEntry[],
): string {
  const entries = stats.map((e) => ({
    scope: e.scope,
    statsfor: e.statsFor,
    stats: e.stats.map((st) => ({
      name: st.name,
      value: st.value,
      source: { type: st.source.type, value: st.source.value },
    })),
    labels: e.labels.map((l) => ({ name: l.name, value: l.value })),
  }));
  return stringify({ results: resultsYamlItems(results), stats: entries }, { indent: 4, lineWidth: 0 });
}

/** A value with every map's keys sorted, as go-yaml writes maps. */
function sortedKeys(v: JsonValue): JsonValue {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(sortedKeys);
  const out: { [key: string]: JsonValue } = {};
  for (const k of Object.keys(v).sort()) {
    const x = v[k];
    if (x !== undefined) out[k] = sortedKeys(x);
  }
  return out;
}

/**
 * The output of `portcullis test` in a format. Stats (`--stats`), when there are any, join the
 * results in JSON and YAML, as gator's; the default output leaves them out, as gator's does.
 * Traces (`--trace`) are each result's `trace` in JSON and YAML; the default output prints each
 * reviewed object's trace once, after its results, and for objects without results too.
 */
export function formatTestResults(
  results: readonly GatorTestResult[],
  format: TestOutputFormat,
  stats: readonly StatsEntry[] = [],
  traces: readonly ReviewTrace[] = [],
): string {
  if (format === "json")
    return stats.length > 0 ? formatResultsAndStatsJson(results, stats) : formatResultsJson(results);
  if (format === "yaml")
    return stats.length > 0 ? formatResultsAndStatsYaml(results, stats) : formatResultsYaml(results);
  const byObject = new Map<string, string[]>();
  for (const r of results) {
    const header = formatObjectHeader(r);
    const lines = byObject.get(header) ?? [];
    lines.push(formatResultLine(r));
    byObject.set(header, lines);
  }
  // Objects of one name share a header: each trace names the document it is of.
  const tracesOf = new Map<string, string[]>();
  for (const t of traces) {
    const header = formatObjectHeader(t);
    const text = `Trace (${t.source.file}${t.source.line === undefined ? "" : `:${t.source.line}`}):\n${t.trace}\n`;
    tracesOf.set(header, [...(tracesOf.get(header) ?? []), text]);
  }
  let out = "";
  for (const [header, lines] of byObject) {
    out += `${header}:\n${lines.join("\n")}\n${(tracesOf.get(header) ?? []).join("")}`;
    tracesOf.delete(header);
  }
  for (const [header, texts] of tracesOf) out += `${header}: no violations\n${texts.join("")}`;
  return out;
}
