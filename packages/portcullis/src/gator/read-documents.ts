import { readFileSync } from "node:fs";
import { type JsonObject, parseYamlObjects, YamlError } from "@portcullis/constraint";
import { type RegoSourcePositions, templatePositions } from "../policies/rego-positions.js";
import { errorMessage, GatorError } from "./errors.js";

/** One object read from a file (or stdin) and where it starts. */
export interface SourceDocument {
  readonly object: JsonObject;
  /** The file as the user named it, or `<stdin>`. */
  readonly file: string;
  /** 1-based line where the document's content starts, when known. */
  readonly line: number | undefined;
  /** A ConstraintTemplate's Rego sources in the file, to place Rego errors on the file's lines. */
  readonly regoPositions?: RegoSourcePositions;
}

/** Name used for standard input in messages. */
export const STDIN_NAME = "<stdin>";

/**
 * Lines (1-based) where each non-empty document of a YAML stream starts: the first line that is
 * neither blank nor a comment after each `---`. Used only to point messages at a document.
 */
export function documentStartLines(text: string): number[] {
  const starts: number[] = [];
  let pending = true;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^---(\s|$)/.test(line)) {
      pending = true;
      if (line.slice(3).trim() !== "" && !line.slice(3).trim().startsWith("#")) {
        starts.push(i + 1);
        pending = false;
      }
      continue;
    }
    if (/^\.\.\.(\s|$)/.test(line)) {
      pending = true;
      continue;
    }
    const t = line.trim();
    if (!pending || t === "" || t.startsWith("#") || t.startsWith("%")) continue;
    starts.push(i + 1);
    pending = false;
  }
  return starts;
}

/**
 * Parses a YAML or JSON stream (multi-document) into objects with their files and lines.
 * Throws GatorError `invalid_yaml` naming the file, line and column.
 */
export function parseDocuments(text: string, file: string): SourceDocument[] {
  let objects: JsonObject[];
  try {
    objects = parseYamlObjects(text, file);
  } catch (e: unknown) {
    if (e instanceof YamlError) {
      throw new GatorError(
        "invalid_yaml",
        e.message.replace(/\s+at line \d+, column \d+:?\s*$/, ""),
        {
          file,
          ...(e.line !== undefined ? { line: e.line } : {}),
          ...(e.col !== undefined ? { col: e.col } : {}),
        },
        e,
      );
    }
    throw new GatorError("invalid_yaml", `${file}: ${errorMessage(e)}`, { file }, e);
  }
  const starts = documentStartLines(text);
  const lined = starts.length === objects.length;
  const positions = templatePositions(text, objects);
  return objects.map((object, i) => {
    const regoPositions = positions[i];
    return {
      object,
      file,
      line: lined ? starts[i] : undefined,
      ...(regoPositions !== undefined ? { regoPositions } : {}),
    };
  });
}

/** Reads a file as UTF-8; throws GatorError `read_file` naming it. */
export function readText(absolute: string, display: string): string {
  try {
    return readFileSync(absolute, "utf8");
  } catch (e: unknown) {
    const code = e instanceof Error && "code" in e ? String(e.code) : "";
    const why =
      code === "ENOENT"
        ? "no such file or directory"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "is a directory"
            : errorMessage(e);
    throw new GatorError("read_file", `${display}: cannot read: ${why}`, { file: display }, e);
  }
}
