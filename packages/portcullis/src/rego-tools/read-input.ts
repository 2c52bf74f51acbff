import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fromJs, isStackOverflow, type Value } from "@portcullis/rego";
import { NESTED_TOO_DEEP, ToolError } from "./errors.js";
import { parseDataText } from "./parse-data.js";

/** Reads `-i`: a JSON (or, by extension, YAML) file. Throws ToolError naming the file. */
export async function readInputFile(path: string, cwd: string): Promise<Value> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), "utf8");
  } catch (e: unknown) {
    const missing = e instanceof Error && "code" in e && e.code === "ENOENT";
    throw new ToolError(
      "input_error",
      missing ? "no such file or directory" : e instanceof Error ? e.message : String(e),
      path,
    );
  }
  const doc = parseDataText(text, path, "input_error");
  try {
    return fromJs(doc);
  } catch (e: unknown) {
    if (isStackOverflow(e)) throw new ToolError("input_error", NESTED_TOO_DEEP, path);
    throw e;
  }
}
