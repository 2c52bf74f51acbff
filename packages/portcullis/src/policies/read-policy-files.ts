import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { parseYamlObjects, YamlError } from "@portcullis/constraint";
import type { PolicyProblem } from "./policy-problem.js";
import { type RegoSourcePositions, templatePositions } from "./rego-positions.js";

/** Extensions read from a policies directory. */
const POLICY_EXTENSIONS = [".yaml", ".yml", ".json"];

/** One object read from a file, with where it came from. */
export interface PolicyDocument {
  readonly file: string;
  /** 1-based index of the document in its file. */
  readonly index: number;
  readonly object: Record<string, unknown>;
  /** A ConstraintTemplate's Rego sources in the file, to place Rego errors on the file's lines. */
  readonly regoPositions?: RegoSourcePositions;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && POLICY_EXTENSIONS.some((x) => e.name.endsWith(x))) out.push(path);
    }
  };
  await walk(dir);
  return out;
}

/**
 * Reads every YAML/JSON file under `dir` (recursively, sorted, dot-files skipped). A file that
 * cannot be read or parsed becomes a problem naming it (and its line:col); the rest still load.
 * Throws only when `dir` itself cannot be read.
 */
export async function readPolicyFiles(
  dir: string,
): Promise<{ documents: PolicyDocument[]; problems: PolicyProblem[]; files: number }> {
  const info = await stat(dir);
  if (!info.isDirectory()) throw new Error(`${dir}: not a directory`);
  const files = await listFiles(dir);
  const documents: PolicyDocument[] = [];
  const problems: PolicyProblem[] = [];
  for (const path of files) {
    const file = relative(process.cwd(), path) || path;
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e: unknown) {
      problems.push({ file, code: "file_unreadable", message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    try {
      const objects = parseYamlObjects(text, file);
      const positions = templatePositions(text, objects);
      objects.forEach((object, i) => {
        const regoPositions = positions[i];
        documents.push({
          file,
          index: i + 1,
          object,
          ...(regoPositions !== undefined ? { regoPositions } : {}),
        });
      });
    } catch (e: unknown) {
      if (!(e instanceof YamlError)) throw e;
      problems.push({
        file,
        code: e.code,
        message: e.message,
        ...(e.line !== undefined ? { line: e.line } : {}),
        ...(e.col !== undefined ? { col: e.col } : {}),
      });
    }
  }
  return { documents, problems, files: files.length };
}
