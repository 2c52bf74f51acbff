import {
  GO_YAML_OPTIONS,
  goYamlDocumentValue,
  parseYamlStream,
  YamlConvertError,
  YamlNestingError,
} from "@portcullis/rego";
import type { JsonObject } from "./driver.js";
import { isObject } from "./json-util.js";

/** A YAML stream that cannot be read; `line`/`col` are 1-based when known. */
export class YamlError extends Error {
  readonly code = "invalid_yaml";

  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(message);
    this.name = "YamlError";
  }
}

/**
 * Re-indents continuation lines of multi-line quoted scalars that are indented no deeper than
 * their key. go-yaml (and so Gatekeeper) accepts such files; the YAML spec and the `yaml`
 * package do not. Used only to retry a stream that failed to parse.
 */
export function reindentQuotedContinuations(text: string): string {
  const lines = text.split("\n");
  let quote: '"' | "'" | undefined;
  let minIndent = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (quote !== undefined) {
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== "" && indent < minIndent) lines[i] = " ".repeat(minIndent - indent) + line;
      if (closes(line, quote, 0)) quote = undefined;
      continue;
    }
    const m = /^(\s*)(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?(["'])/.exec(line);
    if (m?.[2] === undefined || m[0].trimStart() === "") continue;
    const q = m[2] === '"' ? '"' : "'";
    if (!closes(line, q, m[0].length)) {
      quote = q;
      minIndent = (m[1]?.length ?? 0) + 1;
    }
  }
  return lines.join("\n");
}

/** True when `line` has an unescaped closing quote at or after `from`. */
function closes(line: string, quote: '"' | "'", from: number): boolean {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === "\\") {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      return true;
    }
  }
  return false;
}

/**
 * How manifests are read: as kubectl and `gator test` read them (`sigs.k8s.io/yaml`: YAML 1.1 scalars,
 * so `yes` and `on` are true and `0755` is octal; a repeated key keeps its last value), with
 * numbers as JSON numbers, as the webhook receives them.
 */
const MANIFEST_OPTIONS = { ...GO_YAML_OPTIONS, intAsBigInt: false };

function parse(text: string): { docs: unknown[]; error?: { message: string; line?: number; col?: number } } {
  const docs: unknown[] = [];
  let stream: ReturnType<typeof parseYamlStream>;
  try {
    stream = parseYamlStream(text, MANIFEST_OPTIONS);
  } catch (e: unknown) {
    if (!(e instanceof YamlNestingError)) throw e;
    return { docs, error: { message: e.message, line: e.line, col: e.col } };
  }
  for (const d of stream) {
    const e = d.errors[0];
    if (e !== undefined) {
      const pos = e.linePos?.[0];
      return {
        docs,
        error: {
          message: e.message.split("\n")[0] ?? e.message,
          ...(pos ? { line: pos.line, col: pos.col } : {}),
        },
      };
    }
    try {
      docs.push(goYamlDocumentValue(d));
    } catch (e: unknown) {
      if (!(e instanceof YamlConvertError)) throw e;
      return { docs, error: { message: `document ${docs.length + 1}: ${e.message}` } };
    }
  }
  return { docs };
}

/**
 * Reads every object of a YAML (or JSON) stream, skipping empty documents. Throws
 * {@link YamlError} naming the file, line and column on malformed YAML or a non-object document.
 */
export function parseYamlObjects(text: string, file: string): JsonObject[] {
  let result = parse(text);
  if (result.error !== undefined) {
    const retry = parse(reindentQuotedContinuations(text));
    if (retry.error === undefined) result = retry;
  }
  const err = result.error;
  if (err !== undefined) {
    const where = err.line !== undefined ? `${file}:${err.line}:${err.col ?? 1}` : file;
    throw new YamlError(`${where}: ${err.message}`, file, err.line, err.col);
  }
  const out: JsonObject[] = [];
  result.docs.forEach((d, i) => {
    if (d === null || d === undefined) return;
    if (!isObject(d)) throw new YamlError(`${file}: document ${i + 1} is not an object`, file);
    out.push(d);
  });
  return out;
}
