import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify, type YAMLError } from "yaml";
import { parseYamlStream } from "./yaml-stream.js";

/** What a reading gives: each document's value (or what making it throws), or its first error. */
function reading(docs: readonly { readonly errors: readonly YAMLError[]; toJS(): unknown }[]): unknown[] {
  return docs.map((d) => {
    const e = d.errors[0];
    if (e !== undefined) return { code: e.code, at: e.pos[0], line: e.linePos?.[0] };
    try {
      return { value: d.toJS() };
    } catch (err: unknown) {
      return { thrown: err instanceof Error ? err.message : String(err) };
    }
  });
}

const yamlTexts = fc.oneof(
  fc.jsonValue().map((v) => stringify(v)),
  fc
    .array(fc.jsonValue(), { minLength: 1, maxLength: 3 })
    .map((vs) => vs.map((v) => stringify(v)).join("---\n")),
  fc.jsonValue().map((v) => stringify(v, { collectionStyle: "flow" })),
  fc.jsonValue().chain((v) => {
    const t = stringify(v);
    return fc.nat(t.length).map((i) => `${t.slice(0, i)}${t.slice(i + 1)}`);
  }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.stringMatching(/^[a-z{}[\]:,\- \n"'#&*!|>?]{0,40}$/),
);

describe("parseYamlStream against parseAllDocuments", () => {
  it("reads every text as the package does, values and errors, within the depth limit", () => {
    fc.assert(
      fc.property(yamlTexts, (text) => {
        expect(reading(parseYamlStream(text))).toEqual(reading(parseAllDocuments(text)));
      }),
      { numRuns: 1000 },
    );
  });
});
