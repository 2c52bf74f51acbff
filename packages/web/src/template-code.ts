import { arrayAt, isObject, pathAt, prettyJson, stringAt } from "./json.js";

/** A piece of a template's source shown in a block of its own. */
export interface CodeBlock {
  /** What it is: `rego`, `libs[0]`, `variable`, `validation 1`… */
  readonly label: string;
  readonly text: string;
}

/** The code of one engine of one target. */
export interface CodeSection {
  readonly target: string;
  /** `Rego`, `K8sNativeValidation`, or what the template names. */
  readonly engine: string;
  /** True for Rego written in the target itself (`spec.targets[].rego`), as older templates do. */
  readonly legacy: boolean;
  readonly blocks: readonly CodeBlock[];
}

function regoBlocks(source: unknown): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const rego = stringAt(source, "rego");
  if (rego !== undefined) blocks.push({ label: "rego", text: rego });
  arrayAt(source, "libs").forEach((lib, i) => {
    if (typeof lib === "string") blocks.push({ label: `libs[${i}]`, text: lib });
  });
  return blocks;
}

/** `key: value` lines for the fields of `o` that are set, in the order given. */
function fieldLines(o: unknown, keys: readonly string[]): string {
  return keys
    .map((key) => [key, pathAt(o, key)] as const)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("\n");
}

function celBlocks(source: unknown): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const c of arrayAt(source, "matchConditions")) {
    blocks.push({ label: "match condition", text: fieldLines(c, ["name", "expression"]) });
  }
  for (const v of arrayAt(source, "variables")) {
    blocks.push({
      label: "variable",
      text: `${stringAt(v, "name") ?? "?"}: ${stringAt(v, "expression") ?? ""}`,
    });
  }
  arrayAt(source, "validations").forEach((v, i) => {
    blocks.push({
      label: `validation ${i + 1}`,
      text: fieldLines(v, ["expression", "message", "messageExpression", "reason"]),
    });
  });
  return blocks;
}

/**
 * The code of a ConstraintTemplate, target by target: each `spec.targets[].code[]` entry (Rego source
 * and libraries; CEL variables and validations; other engines' source as JSON), and the Rego and
 * libraries that older templates put in the target itself.
 */
export function templateCode(document: unknown): CodeSection[] {
  const sections: CodeSection[] = [];
  for (const t of arrayAt(pathAt(document, "spec"), "targets")) {
    const target = stringAt(t, "target") ?? "";
    const legacy = regoBlocks(t);
    if (legacy.length > 0) sections.push({ target, engine: "Rego", legacy: true, blocks: legacy });
    for (const code of arrayAt(t, "code")) {
      const engine = stringAt(code, "engine") ?? "(no engine)";
      const source = pathAt(code, "source");
      let blocks: CodeBlock[];
      if (engine === "Rego") blocks = regoBlocks(source);
      else if (engine === "K8sNativeValidation") blocks = celBlocks(source);
      else blocks = isObject(source) ? [{ label: "source", text: prettyJson(source) }] : [];
      sections.push({ target, engine, legacy: false, blocks });
    }
  }
  return sections;
}

/** The parameters schema, `spec.crd.spec.validation.openAPIV3Schema`, undefined when absent. */
export function parametersSchema(document: unknown): unknown {
  return pathAt(document, "spec", "crd", "spec", "validation", "openAPIV3Schema");
}
