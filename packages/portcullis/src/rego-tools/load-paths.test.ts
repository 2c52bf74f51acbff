import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { problemText } from "./errors.js";
import { loadPaths, splitPrefix } from "./load-paths.js";

/** A temporary directory holding `files`, removed when the test that made it ends. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "pc-load-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe("splitPrefix", () => {
  it("splits a.b:path but not URLs or plain paths", () => {
    expect(splitPrefix("a.b:x/y.json")).toEqual({ prefix: ["a", "b"], path: "x/y.json" });
    expect(splitPrefix("file:///x/y.json")).toEqual({ prefix: [], path: "file:///x/y.json" });
    expect(splitPrefix("x/y.json")).toEqual({ prefix: [], path: "x/y.json" });
  });
});

describe("loadPaths", () => {
  it("loads modules and places data by directory, relative to the root given", async () => {
    const cwd = tree({
      "pol/a.rego": "package a\nallow if true\n",
      "pol/sub/deeper/d.json": '{"k": 1}',
      "pol/sub/e.yaml": "e: 2\n",
      "pol/README.md": "ignored",
      "top.json": '{"top": true}',
    });
    const loaded = await loadPaths(["pol", "top.json", "pre.fix:top.json"], { cwd, version: "auto" });
    expect(loaded.problems).toEqual([]);
    expect(loaded.modules.map((m) => m.file)).toEqual(["pol/a.rego"]);
    expect(loaded.documents).toEqual({
      sub: { deeper: { k: 1 }, e: 2 },
      top: true,
      pre: { fix: { top: true } },
    });
  });

  it("collects every problem: missing paths, parse errors with row:col, bad data", async () => {
    const cwd = tree({
      "bad.rego": "package bad\n\np if {\n  x :=\n",
      "bad.json": '{"a": }',
    });
    const loaded = await loadPaths(["missing.rego", "bad.rego", "bad.json"], { cwd, version: "auto" });
    const texts = loaded.problems.map(problemText);
    expect(texts[0]).toBe("missing.rego: no such file or directory");
    expect(texts[1]).toMatch(/^bad.rego:\d+:\d+: rego_parse_error: /);
    expect(texts[2]).toMatch(/^bad.json: 1:\d+: invalid JSON/);
  });

  it("tries any format for a file named directly with an unknown extension", async () => {
    const cwd = tree({
      "policy.txt": "package t\nx := 1\n",
      "data.txt": '{"d": 1}',
      "junk.txt": "{{{{ not: [",
    });
    const loaded = await loadPaths(["policy.txt", "data.txt", "junk.txt"], { cwd, version: "auto" });
    expect(loaded.modules.map((m) => m.file)).toEqual(["policy.txt"]);
    expect(loaded.documents).toEqual({ d: 1 });
    expect(loaded.problems.map(problemText)).toEqual([
      "junk.txt: can't recognize file type (expected .rego, .json or .yaml)",
    ]);
  });
});
