import type { JsonObject } from "@portcullis/constraint";
import type { JsonValue } from "@portcullis/rego";
import { stringify } from "yaml";
import { goJson } from "../rego-tools/index.js";
import { toJsonValue } from "./to-json-value.js";

/** `--format` of `portcullis expand`. */
export type ExpandFormat = "yaml" | "json";

/**
 * Generated objects as `gator expand` prints them, separated by `---`: YAML as go-yaml writes a
 * map (keys sorted, sequences not indented), or JSON as Go marshals it with a 4-space indent.
 * Unlike gator, a JSON object ends its line before the separator.
 */
export function formatExpanded(objects: readonly JsonObject[], format: ExpandFormat): string {
  return objects
    .map((o) => {
      const value: JsonValue = toJsonValue(o);
      return format === "json"
        ? `${goJson(value, "    ")}\n`
        : stringify(value, { sortMapEntries: true, indentSeq: false, lineWidth: 0 });
    })
    .join("---\n");
}
