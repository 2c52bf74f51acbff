import { checkYamlNesting, YamlNestingError } from "@portcullis/rego";
import { isMap, isScalar, LineCounter, parseAllDocuments, Scalar } from "yaml";

/** Where one Rego source of a template starts in its YAML file. */
export interface RegoSourcePosition {
  /** 1-based line of the source's first line. */
  readonly line: number;
  /** 1-based column of the source's first character (of every line, in a literal block). */
  readonly col: number;
  /** A literal block scalar (`|`): each line of the source is a line of the file. */
  readonly block: boolean;
}

/**
 * A template document's Rego sources by module file name, as the Rego driver names them within
 * the template (`template.rego`, `libs[0].rego`, …).
 */
export type RegoSourcePositions = Readonly<Record<string, RegoSourcePosition>>;

/** A 1-based place in a file. */
export interface FilePlace {
  readonly line: number;
  readonly col: number;
}

function positionOf(node: unknown, text: string, lines: LineCounter): RegoSourcePosition | undefined {
  if (!isScalar(node) || typeof node.value !== "string" || node.range === undefined || node.range === null)
    return undefined;
  const start = lines.linePos(node.range[0]);
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)
    return { line: start.line, col: start.col + 1, block: false };
  if (node.type !== Scalar.BLOCK_LITERAL) return { line: start.line, col: start.col, block: false };
  // The block's content starts on the line after its header; its indentation is that of its
  // first line with text.
  const contentLines = text.slice(node.range[0]).split("\n").slice(1);
  const first = contentLines.find((l) => l.trim() !== "") ?? "";
  return { line: start.line + 1, col: first.length - first.trimStart().length + 1, block: true };
}

function collect(
  out: Record<string, RegoSourcePosition>,
  target: unknown,
  regoKey: readonly (string | number)[],
  libsKey: readonly (string | number)[],
  text: string,
  lines: LineCounter,
): boolean {
  if (!isMap(target)) return false;
  const entry = positionOf(target.getIn(regoKey, true), text, lines);
  if (entry === undefined) return false;
  out["template.rego"] = entry;
  const libs = target.getIn(libsKey, true);
  const items =
    libs !== null && typeof libs === "object" && "items" in libs && Array.isArray(libs.items)
      ? libs.items
      : [];
  items.forEach((item: unknown, i: number) => {
    const p = positionOf(item, text, lines);
    if (p !== undefined) out[`libs[${i}].rego`] = p;
  });
  return true;
}

/**
 * The positions of the Rego sources of each document of a YAML file (undefined for a document
 * that is not a ConstraintTemplate with Rego), in the order of its non-empty documents: the
 * legacy `rego` and `libs` of its target, else those of its code entry with engine Rego.
 */
export function regoSourcePositions(text: string): (RegoSourcePositions | undefined)[] {
  try {
    checkYamlNesting(text);
  } catch (e: unknown) {
    if (e instanceof YamlNestingError) return [];
    throw e;
  }
  const lines = new LineCounter();
  const out: (RegoSourcePositions | undefined)[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
    if (!("contents" in doc) || doc.contents === null) continue;
    const positions: Record<string, RegoSourcePosition> = {};
    if (doc.get("kind") !== "ConstraintTemplate") {
      out.push(undefined);
      continue;
    }
    const target = doc.getIn(["spec", "targets", 0], true);
    let found = collect(positions, target, ["rego"], ["libs"], text, lines);
    if (!found && isMap(target)) {
      const code = target.get("code", true);
      const entries =
        code !== null && typeof code === "object" && "items" in code && Array.isArray(code.items)
          ? code.items
          : [];
      for (const e of entries) {
        if (!isMap(e) || e.get("engine") !== "Rego") continue;
        found = collect(positions, e, ["source", "rego"], ["source", "libs"], text, lines);
        break;
      }
    }
    out.push(found ? positions : undefined);
  }
  return out;
}

/**
 * Where a place in a template's Rego source is in its YAML file: exact in a literal block, on its
 * first line otherwise; undefined when it cannot be told.
 */
export function placeInYaml(source: RegoSourcePosition, row: number, col: number): FilePlace | undefined {
  if (source.block) return { line: source.line + row - 1, col: source.col + col - 1 };
  return row === 1 ? { line: source.line, col: source.col + col - 1 } : undefined;
}

/**
 * {@link regoSourcePositions} of a file whose non-empty documents parsed to `objects`, read only
 * when one of them is a ConstraintTemplate (most policy files hold none).
 */
export function templatePositions(
  text: string,
  objects: readonly Record<string, unknown>[],
): (RegoSourcePositions | undefined)[] {
  return objects.some((o) => o.kind === "ConstraintTemplate") ? regoSourcePositions(text) : [];
}

/**
 * Where in its YAML file a template's Rego error is: the error's place in one of the template's
 * Rego sources (named `<template>/template.rego`, `<template>/libs[i].rego`) mapped onto the file;
 * undefined when the error is not in one or its place cannot be told.
 */
export function regoErrorPlace(
  positions: RegoSourcePositions | undefined,
  templateName: string,
  location: { readonly file?: string; readonly row?: number; readonly col?: number } | undefined,
): FilePlace | undefined {
  const file = location?.file;
  const row = location?.row;
  if (positions === undefined || file === undefined || row === undefined) return undefined;
  if (!file.startsWith(`${templateName}/`)) return undefined;
  const source = positions[file.slice(templateName.length + 1)];
  return source === undefined ? undefined : placeInYaml(source, row, location?.col ?? 1);
}
