import { readdirSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { GatorError } from "./errors.js";

/** Extensions gator reads (`-f` files and files found in directories). */
export const INPUT_EXTENSIONS: readonly string[] = [".yaml", ".yml", ".json"];

/** A file to read: its path as the user sees it and where it is. */
export interface InputFile {
  /** The path as given (or joined below a given directory), for messages. */
  readonly display: string;
  readonly absolute: string;
}

function isDirectory(absolute: string, display: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch (e: unknown) {
    const code = e instanceof Error && "code" in e ? String(e.code) : "";
    const why =
      code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : code;
    throw new GatorError("read_file", `${display}: ${why || "cannot stat"}`, { file: display });
  }
}

/**
 * Files below a directory (only its own when not `recursive`), walked in lexical order like Go's
 * filepath.Walk, that `keep` accepts.
 */
export function walkFiles(
  absolute: string,
  display: string,
  keep: (name: string) => boolean,
  recursive = true,
): InputFile[] {
  const out: InputFile[] = [];
  let names: string[];
  try {
    names = readdirSync(absolute).sort();
  } catch {
    throw new GatorError("read_file", `${display}: cannot read directory`, { file: display });
  }
  for (const name of names) {
    const abs = join(absolute, name);
    const shown = display.endsWith("/") ? `${display}${name}` : `${display}/${name}`;
    if (isDirectory(abs, shown)) {
      if (recursive) out.push(...walkFiles(abs, shown, keep));
    } else if (keep(name)) out.push({ display: shown, absolute: abs });
  }
  return out;
}

/**
 * The files one `-f PATH` names: the file itself (which must be .yaml, .yml or .json), or every
 * such file below a directory. Throws GatorError `read_file` or `bad_extension`.
 */
export function listInputFiles(path: string, cwd: string): InputFile[] {
  const absolute = resolve(cwd, path);
  if (isDirectory(absolute, path)) {
    return walkFiles(absolute, path, (name) => INPUT_EXTENSIONS.includes(extname(name)));
  }
  if (!INPUT_EXTENSIONS.includes(extname(path))) {
    throw new GatorError(
      "bad_extension",
      `${path}: path must be of extensions: ${INPUT_EXTENSIONS.join(", ")}`,
      { file: path },
    );
  }
  return [{ display: path, absolute }];
}
