import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";

/** Test-only helpers that read the shared conformance corpus (never shipped). */
export const CONFORMANCE = new URL("../../../../../shared/conformance/", import.meta.url).pathname;

/** Every file under `dir` whose name satisfies `keep`, sorted. */
export function walk(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (keep(e.name)) out.push(p);
    }
  };
  visit(dir);
  return out.sort();
}

/** One OPA conformance case, as far as parsing is concerned. */
export interface CorpusCase {
  readonly file: string;
  readonly note: string;
  readonly modules: readonly string[];
  readonly query: string | undefined;
  readonly inputTerm: string | undefined;
  readonly wantError: string | undefined;
  readonly wantErrorCode: string | undefined;
}

function asRecord(x: unknown): Record<string, unknown> {
  return typeof x === "object" && x !== null ? (x as Record<string, unknown>) : {};
}

/** The cases of `opa/v0` or `opa/v1`. */
export function opaCases(version: "v0" | "v1"): CorpusCase[] {
  const root = join(CONFORMANCE, "opa", version);
  const out: CorpusCase[] = [];
  for (const file of walk(root, (n) => n.endsWith(".yaml"))) {
    const doc = asRecord(parseYaml(readFileSync(file, "utf8")));
    const cases = Array.isArray(doc.cases) ? doc.cases : [];
    for (const c of cases) {
      const r = asRecord(c);
      const modules = Array.isArray(r.modules) ? r.modules.filter((m) => typeof m === "string") : [];
      out.push({
        file: relative(root, file),
        note: typeof r.note === "string" ? r.note : "",
        modules,
        query: typeof r.query === "string" ? r.query : undefined,
        inputTerm: typeof r.input_term === "string" ? r.input_term : undefined,
        wantError: typeof r.want_error === "string" ? r.want_error : undefined,
        wantErrorCode: typeof r.want_error_code === "string" ? r.want_error_code : undefined,
      });
    }
  }
  return out;
}

/** Gatekeeper library policies: `.rego` sources and the rego embedded in template.yaml files. */
export function gatekeeperSources(): { name: string; text: string }[] {
  const root = join(CONFORMANCE, "gatekeeper-library");
  const out: { name: string; text: string }[] = [];
  for (const f of walk(join(root, "src"), (n) => n.endsWith(".rego"))) {
    out.push({ name: relative(root, f), text: readFileSync(f, "utf8") });
  }
  for (const f of walk(join(root, "library"), (n) => n === "template.yaml")) {
    embeddedRego(readFileSync(f, "utf8")).forEach((text, i) => {
      out.push({ name: `${relative(root, f)}#${i}`, text });
    });
  }
  return out;
}

/**
 * The `rego: |` block scalars and `libs:` items of a template. Read line by line because some
 * templates hold YAML that strict parsers reject elsewhere in the file.
 */
function embeddedRego(yaml: string): string[] {
  const lines = yaml.split("\n");
  const out: string[] = [];
  let inLibs = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (inLibs >= 0 && trimmed !== "" && indent <= inLibs && !trimmed.startsWith("-")) inLibs = -1;
    if (/^(- )?libs:\s*$/.test(trimmed)) inLibs = indent;
    const isRego = /^(- )?rego:\s*\|[-+]?\s*$/.test(trimmed);
    const isLib = inLibs >= 0 && /^-\s*\|[-+]?\s*$/.test(trimmed);
    if (!isRego && !isLib) continue;
    const block: string[] = [];
    let blockIndent = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j] ?? "";
      const ind = l.length - l.trimStart().length;
      if (l.trim() !== "") {
        if (blockIndent < 0) blockIndent = ind;
        if (ind < blockIndent) break;
      }
      block.push(l.slice(Math.max(0, blockIndent)));
      i = j;
    }
    out.push(`${block.join("\n").trimEnd()}\n`);
  }
  return out;
}
