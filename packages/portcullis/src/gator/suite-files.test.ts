import { describe, expect, it } from "vitest";
import { tempTree } from "../cli/test-support.js";
import { GatorError } from "./errors.js";
import { listInputFiles } from "./input-files.js";
import { listSuiteFiles } from "./suite-files.js";

const tree = tempTree({
  "a/suite.yaml": "x: 1\n",
  "a/b/suite.yml": "x: 1\n",
  "a/b/readme.md": "",
  "a/c.json": "{}",
  "top.yaml": "x: 1\n",
  "notes.txt": "",
});

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e: unknown) {
    if (e instanceof GatorError) return e.code;
    throw e;
  }
  return undefined;
}

describe("listSuiteFiles", () => {
  it("lists a directory's own YAML files, or all below it with /...", () => {
    expect(listSuiteFiles("a", tree).map((f) => f.display)).toEqual(["a/suite.yaml"]);
    expect(listSuiteFiles("a/...", tree).map((f) => f.display)).toEqual(["a/b/suite.yml", "a/suite.yaml"]);
    expect(listSuiteFiles("./...", tree).map((f) => f.display)).toEqual([
      "./a/b/suite.yml",
      "./a/suite.yaml",
      "./top.yaml",
    ]);
    expect(listSuiteFiles("top.yaml", tree).map((f) => f.display)).toEqual(["top.yaml"]);
  });

  it("rejects what gator rejects", () => {
    expect(code(() => listSuiteFiles("top.yaml/...", tree))).toBe("not_a_directory");
    expect(code(() => listSuiteFiles("notes.txt", tree))).toBe("bad_extension");
    expect(code(() => listSuiteFiles("missing", tree))).toBe("read_file");
  });
});

describe("listInputFiles", () => {
  it("walks directories for .yaml, .yml and .json; a named file must have one of those", () => {
    expect(listInputFiles("a", tree).map((f) => f.display)).toEqual([
      "a/b/suite.yml",
      "a/c.json",
      "a/suite.yaml",
    ]);
    expect(code(() => listInputFiles("notes.txt", tree))).toBe("bad_extension");
    expect(code(() => listInputFiles("nope.yaml", tree))).toBe("read_file");
  });
});
