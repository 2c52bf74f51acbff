import { readFileSync, statSync } from "node:fs";
import { type JsonObject, parseYamlObjects } from "@portcullis/constraint";
import { errorMessage } from "./errors.js";
import { type ByKind, groupByKind, objectKind, pageOf } from "./kind-index.js";
import { manifestFiles } from "./manifest-files.js";
import type { ObjectKind, ObjectPage, ObjectSource, SourceProblem } from "./object-source.js";

interface FileEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly objects: readonly JsonObject[];
  readonly problems: readonly SourceProblem[];
}

function readEntry(file: string, mtimeMs: number, size: number): FileEntry {
  const problems: SourceProblem[] = [];
  const objects: JsonObject[] = [];
  try {
    const docs = parseYamlObjects(readFileSync(file, "utf8"), file);
    docs.forEach((doc, i) => {
      if (objectKind(doc) === undefined) {
        problems.push({ file, message: `${file}: document ${i + 1} has no apiVersion or kind` });
      } else objects.push(doc);
    });
  } catch (e: unknown) {
    problems.push({ file, message: errorMessage(e) });
  }
  return { mtimeMs, size, objects, problems };
}

/**
 * The embedded object source: a folder of manifests (`--objects DIR`). Each audit re-scans the
 * folder and re-reads only files whose size or mtime changed, so edits are picked up by the next
 * audit. A file that cannot be read is reported as a problem; its objects are left out, or, when
 * it was read before, the objects of its last good version are kept.
 */
export class FolderSource implements ObjectSource {
  private readonly files = new Map<string, FileEntry>();
  private byKind: ByKind = new Map();
  private lastProblems: SourceProblem[] = [];

  constructor(readonly path: string) {}

  async kinds(): Promise<readonly ObjectKind[]> {
    this.refresh();
    return [...this.byKind.values()].map((e) => e.kind);
  }

  async list(
    kind: ObjectKind,
    options: { readonly limit: number; readonly continue?: string },
  ): Promise<ObjectPage> {
    return pageOf(this.byKind, kind, options);
  }

  /** Objects found by the last scan. */
  size(): number {
    let n = 0;
    for (const e of this.byKind.values()) n += e.objects.length;
    return n;
  }

  problems(): readonly SourceProblem[] {
    return this.lastProblems;
  }

  /** Re-scans the folder. */
  refresh(): void {
    const problems: SourceProblem[] = [];
    let paths: string[] = [];
    try {
      paths = manifestFiles(this.path);
    } catch (e: unknown) {
      problems.push({ file: this.path, message: `${this.path}: ${errorMessage(e)}` });
    }
    const seen = new Set(paths);
    for (const f of [...this.files.keys()]) if (!seen.has(f)) this.files.delete(f);
    for (const file of paths) {
      let st: { mtimeMs: number; size: number };
      try {
        st = statSync(file);
      } catch (e: unknown) {
        this.files.delete(file);
        problems.push({ file, message: `${file}: ${errorMessage(e)}` });
        continue;
      }
      const cached = this.files.get(file);
      if (cached === undefined || cached.mtimeMs !== st.mtimeMs || cached.size !== st.size) {
        const entry = readEntry(file, st.mtimeMs, st.size);
        // A file that stops parsing (often one being written) keeps its last good objects, so
        // the audit does not report their violations resolved.
        const keep = entry.problems.length > 0 && entry.objects.length === 0 && cached !== undefined;
        this.files.set(file, keep ? { ...entry, objects: cached.objects } : entry);
      }
    }
    const objects: JsonObject[] = [];
    for (const file of paths) {
      const entry = this.files.get(file);
      if (entry === undefined) continue;
      problems.push(...entry.problems);
      for (const obj of entry.objects) objects.push(obj);
    }
    this.byKind = groupByKind(objects);
    this.lastProblems = problems;
  }
}
