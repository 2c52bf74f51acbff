import { checkYamlNesting, GoJsonSyntaxError, goJsonParse, YamlNestingError } from "@portcullis/rego";
import { parseDocument } from "yaml";
import { ToolError, type ToolErrorCode } from "./errors.js";

/**
 * Parses JSON text as OPA does (Go's grammar and messages; numbers exact, however large); errors
 * name the file and the line:col of the fault.
 */
export function parseJsonText(text: string, file: string, code: ToolErrorCode = "data_parse_error"): unknown {
  try {
    return goJsonParse(text);
  } catch (e: unknown) {
    if (!(e instanceof GoJsonSyntaxError)) throw e;
    throw new ToolError(code, `${lineCol(text, e.offset)}: invalid JSON: ${e.message}`, file);
  }
}

/** Parses one YAML document; errors name the file and the line:col of the fault. */
export function parseYamlText(text: string, file: string, code: ToolErrorCode = "data_parse_error"): unknown {
  try {
    checkYamlNesting(text);
  } catch (e: unknown) {
    if (!(e instanceof YamlNestingError)) throw e;
    throw new ToolError(code, `${e.line}:${e.col}: invalid YAML: ${e.message}`, file);
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const where = `${lineCol(text, first.pos[0])}: `;
    throw new ToolError(code, `${where}invalid YAML: ${first.message.split("\n")[0] ?? ""}`, file);
  }
  return doc.toJS({ maxAliasCount: 10_000 });
}

/** Parses a data or input file by its extension: `.yaml`/`.yml` as YAML, `.json` as JSON, others as either. */
export function parseDataText(text: string, file: string, code: ToolErrorCode = "data_parse_error"): unknown {
  const lower = file.toLowerCase();
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return parseYamlText(text, file, code);
  if (lower.endsWith(".json")) return parseJsonText(text, file, code);
  try {
    return goJsonParse(text);
  } catch (e: unknown) {
    if (!(e instanceof GoJsonSyntaxError)) throw e;
    return parseYamlText(text, file, code);
  }
}

function lineCol(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}
