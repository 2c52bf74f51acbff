import { statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { GatorError } from "./errors.js";
import { type InputFile, walkFiles } from "./input-files.js";

const SUITE_EXTENSIONS: readonly string[] = [".yaml", ".yml"];

function isYaml(name: string): boolean {
  return SUITE_EXTENSIONS.includes(extname(name));
}

function stat(absolute: string, display: string): { dir: boolean } {
  try {
    return { dir: statSync(absolute).isDirectory() };
  } catch {
    throw new GatorError("read_file", `${display}: no such file or directory`, { file: display });
  }
}

/**
 * The files `verify PATH` looks at, sorted by path (gator's ReadSuites): a file (which must be
 * .yaml/.yml), a directory's own YAML files, or with a trailing `/...` every YAML file below it.
 * Throws GatorError `read_file`, `bad_extension` or `not_a_directory`.
 */
export function listSuiteFiles(path: string, cwd: string): InputFile[] {
  let target = path;
  let recursive = false;
  if (target === "..." || target.endsWith("/...")) {
    recursive = true;
    target = target.slice(0, -3);
    if (target === "") target = "./";
  }
  const absolute = resolve(cwd, target);
  const { dir } = stat(absolute, target);
  if (!dir) {
    if (recursive)
      throw new GatorError("not_a_directory", `can only recursively traverse directories: ${target}`, {
        file: target,
      });
    if (!isYaml(target))
      throw new GatorError("bad_extension", `${target}: unsupported extension "${extname(target)}"`, {
        file: target,
      });
    return [{ display: target, absolute }];
  }
  const display = target.endsWith("/") ? target : `${target}/`;
  return walkFiles(absolute, display, isYaml, recursive).sort((a, b) =>
    a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : 0,
  );
}
