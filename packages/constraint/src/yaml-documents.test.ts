import { MAX_YAML_DEPTH } from "@portcullis/rego";
import { describe, expect, it } from "vitest";
import { parseYamlObjects, YamlError } from "./yaml-documents.js";

describe("parseYamlObjects", () => {
  it("reads every object of a stream, skipping empty documents", () => {
    expect(parseYamlObjects("a: 1\n---\n---\nb: [2]\n", "f.yaml")).toEqual([{ a: 1 }, { b: [2] }]);
  });

  it("reads scalars as kubectl and gator do (sigs.k8s.io/yaml, YAML 1.1)", () => {
    const text = "a: yes\nb: off\nc: 0755\nd: 2001-12-14\ne: 12\ne: 13\nf: 1.5\n'g': null\n";
    expect(parseYamlObjects(text, "f.yaml")).toEqual([
      { a: true, b: false, c: 493, d: "2001-12-14", e: 13, f: 1.5, g: null },
    ]);
  });

  it("names the document whose value JSON cannot hold", () => {
    expect(() => parseYamlObjects("a: 1\n---\nb: .inf\n", "f.yaml")).toThrow(
      "f.yaml: document 2: json: unsupported value: +Inf",
    );
  });

  it("names the file, line and column of malformed YAML", () => {
    expect(() => parseYamlObjects("a: 1\nb: [1, 2\n", "f.yaml")).toThrow(
      /^f\.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a \]$/,
    );
  });

  it("refuses collections nested too deep, with where, instead of failing the process", () => {
    // Two block maps, then flow sequences from column 9: the one at level MAX + 1 is refused.
    const text = `kind: X\nspec:\n  deep: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`;
    const col = 9 + (MAX_YAML_DEPTH + 1 - 3);
    for (let i = 0; i < 5; i++) {
      const read = (): unknown => parseYamlObjects(text, "deep.yaml");
      expect(read).toThrow(YamlError);
      expect(read).toThrow(`deep.yaml:3:${col}: collections nested deeper than ${MAX_YAML_DEPTH} levels`);
    }
  });
});
