import { REGO_ENGINE } from "@portcullis/constraint";
import type { JsonValue } from "@portcullis/rego";
import { stringify } from "yaml";
import { GoStruct, goJson } from "../rego-tools/index.js";
import type { GatorTestResult } from "./evaluate-documents.js";
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
export function formatObjectHeader(r: GatorTestResult): string {
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
  if (results.length === 0) return "null\n";
  const items = results.map(
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
        ["trace", null],
      ]),
  );
  return `${goJson(items, "    ")}\n`;
}

/**
 * gator's YAML: each result as `{result: {target, msg, metadata, constraint: {object},
 * enforcementaction, scopedenforcementactions}, violatingObject, trace}` (go-yaml's field names),
 * map keys sorted; `[]` when there are none.
 */
export function formatResultsYaml(results: readonly GatorTestResult[]): string {
  const items = results.map((r) => ({
    result: {
      target: TARGET,
      msg: r.result.msg,
      metadata: sortedKeys(metadataOf(r) ?? null),
      constraint: { object: sortedKeys(toJsonValue(r.result.constraint.object)) },
      enforcementaction: r.result.enforcementAction,
      scopedenforcementactions: [...r.result.scopedEnforcementActions],
    },
    violatingObject: sortedKeys(toJsonValue(r.object)),
    trace: null,
  }));
  return stringify(items, { indent: 4, lineWidth: 0 });
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

/** The output of `portcullis test` in a format. */
export function formatTestResults(results: readonly GatorTestResult[], format: TestOutputFormat): string {
  if (format === "json") return formatResultsJson(results);
  if (format === "yaml") return formatResultsYaml(results);
  const byObject = new Map<string, string[]>();
  for (const r of results) {
    const header = formatObjectHeader(r);
    const lines = byObject.get(header) ?? [];
    lines.push(formatResultLine(r));
    byObject.set(header, lines);
  }
  let out = "";
  for (const [header, lines] of byObject) out += `${header}:\n${lines.join("\n")}\n`;
  return out;
}
