import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Module } from "@portcullis/rego";
import { type JsonObject, mergeDocument } from "./data-tree.js";
import { type Problem, ToolError, toProblems } from "./errors.js";
import { parseJsonText, parseYamlText } from "./parse-data.js";
import { parseRegoFile, type VersionMode } from "./rego-version.js";

/** How to load `-d` paths and test paths. */
export interface LoadOptions {
  /** Directory relative paths are read from. */
  readonly cwd: string;
  readonly version: VersionMode;
}

/** Policies and data loaded from paths, as OPA's file loader gives them. */
export interface LoadedPaths {
  /** Parsed modules, sorted by file name. */
  readonly modules: readonly Module[];
  /** Base documents from .json/.yaml files. */
  readonly documents: JsonObject;
  /** Every problem met; nothing should be evaluated when there is one. */
  readonly problems: readonly Problem[];
}

/** A file found under a path argument. */
interface FoundFile {
  /** The path as shown to the user (the argument joined with names below it). */
  readonly display: string;
  readonly absolute: string;
  /** Where its data lands under `data`. */
  readonly dataPath: readonly string[];
  /** 0 for a file named on the command line. */
  readonly depth: number;
}

/**
 * Splits OPA's `a.b:path` argument (load the path's data under `data.a.b`). URLs such as
 * `file:///x` are not prefixed.
 */
export function splitPrefix(arg: string): { prefix: string[]; path: string } {
  const colon = arg.indexOf(":");
  if (colon <= 0 || arg.indexOf("://") === colon) return { prefix: [], path: arg };
  return { prefix: arg.slice(0, colon).split("."), path: arg.slice(colon + 1) };
}

/**
 * Loads every .rego, .json and .yaml/.yml file under the paths (recursively for directories;
 * other files in directories are skipped; a file named directly may be any of the three).
 */
export async function loadPaths(args: readonly string[], options: LoadOptions): Promise<LoadedPaths> {
  const problems: Problem[] = [];
  const found: FoundFile[] = [];
  for (const arg of args) {
    const { prefix, path } = splitPrefix(arg);
    const display = path.startsWith("file://") ? path.slice("file://".length) : path;
    await walk(display, resolve(options.cwd, display), prefix, 0, found, problems);
  }
  const modules = new Map<string, Module>();
  const documents: JsonObject = {};
  for (const file of found) {
    try {
      const text = await readFile(file.absolute, "utf8");
      const loaded = loadFile(file, text, options.version);
      if (loaded === undefined) continue;
      if (loaded.kind === "module") modules.set(file.display, loaded.module);
      else mergeDocument(documents, file.dataPath, loaded.doc, file.display);
    } catch (e: unknown) {
      problems.push(...toProblems(e).map((p) => withFile(p, file.display)));
    }
  }
  const sorted = [...modules.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
  return { modules: sorted, documents, problems };
}

type Loaded = { kind: "module"; module: Module } | { kind: "data"; doc: unknown };

function loadFile(file: FoundFile, text: string, version: VersionMode): Loaded | undefined {
  const name = file.display.toLowerCase();
  if (name.endsWith(".rego")) return { kind: "module", module: parseRegoFile(file.display, text, version) };
  if (name.endsWith(".json")) return { kind: "data", doc: parseJsonText(text, file.display) };
  if (name.endsWith(".yaml") || name.endsWith(".yml"))
    return { kind: "data", doc: parseYamlText(text, file.display) };
  if (file.depth > 0) return undefined;
  return loadAnyType(file.display, text, version);
}

/** A file named directly with an unknown extension: Rego, then JSON, then YAML. */
function loadAnyType(display: string, text: string, version: VersionMode): Loaded {
  try {
    return { kind: "module", module: parseRegoFile(display, text, version) };
  } catch {
    // not Rego: try the data formats
  }
  try {
    return { kind: "data", doc: JSON.parse(text) };
  } catch {
    // not JSON either
  }
  try {
    return { kind: "data", doc: parseYamlText(text, display) };
  } catch {
    throw new ToolError(
      "unrecognized_file",
      "can't recognize file type (expected .rego, .json or .yaml)",
      display,
    );
  }
}

async function walk(
  display: string,
  absolute: string,
  dataPath: readonly string[],
  depth: number,
  out: FoundFile[],
  problems: Problem[],
): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(absolute)).isDirectory();
  } catch (e: unknown) {
    problems.push(fsProblem(e, display));
    return;
  }
  if (!isDir) {
    out.push({ display, absolute, dataPath, depth });
    return;
  }
  const below = depth > 0 ? [...dataPath, basename(absolute)] : dataPath;
  let names: string[];
  try {
    names = (await readdir(absolute)).sort();
  } catch (e: unknown) {
    problems.push(fsProblem(e, display));
    return;
  }
  for (const name of names)
    await walk(join(display, name), join(absolute, name), below, depth + 1, out, problems);
}

function fsProblem(e: unknown, display: string): ToolError {
  const code = e instanceof Error && "code" in e ? e.code : undefined;
  if (code === "ENOENT") return new ToolError("file_not_found", "no such file or directory", display);
  return new ToolError("file_read_error", e instanceof Error ? e.message : String(e), display);
}

function withFile(p: Problem, file: string): Problem {
  if (p instanceof ToolError && p.file === undefined) return new ToolError(p.code, p.message, file);
  return p;
}
