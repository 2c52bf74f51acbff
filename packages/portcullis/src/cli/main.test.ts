import { describe, expect, it } from "vitest";
import { cli, tempTree } from "./test-support.js";

describe("runCli", () => {
  const cwd = tempTree({});

  it("prints help for --help and exits 0", async () => {
    const run = await cli(cwd, "rego", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("eval");
    expect(run.stdout).toContain("test");
  });

  it("rejects unknown commands and options without throwing", async () => {
    const unknown = await cli(cwd, "nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'nope'");
    const option = await cli(cwd, "rego", "eval", "--bogus", "1");
    expect(option.code).toBe(1);
    expect(option.stderr).toContain("unknown option '--bogus'");
  });
});
