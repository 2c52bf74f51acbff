import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { discoverTests, loadPaths } from "../../rego-tools/index.js";
import { cli } from "../test-support.js";

/**
 * The gatekeeper-library's Rego unit tests (Rego v0, loaded through the v0 fallback), run folder by
 * folder as `npx portcullis rego test ../shared/conformance/gatekeeper-library/src/<dir>` would.
 */
const REPO = fileURLToPath(new URL("../../../../../", import.meta.url));
const LIBRARY = "../shared/conformance/gatekeeper-library/src";
const present = existsSync(join(REPO, LIBRARY));

/** Folders that fail because of known engine gaps (reported with minimal reproductions). */
/** Folders whose tests the engine cannot pass yet, with the reason (none today). */
const ENGINE_GAPS: Readonly<Record<string, string>> = {};

function folders(): string[] {
  if (!present) return [];
  return ["general", "pod-security-policy", "rego"].flatMap((group) =>
    readdirSync(join(REPO, LIBRARY, group))
      .sort()
      .map((d) => `${group}/${d}`),
  );
}

describe.skipIf(!present)("gatekeeper-library Rego tests", () => {
  it("finds the 1003 tests opa test counts", async () => {
    let total = 0;
    for (const folder of folders()) {
      const loaded = await loadPaths([join(LIBRARY, folder)], { cwd: REPO, version: "auto" });
      expect(loaded.problems).toEqual([]);
      total += discoverTests(loaded.modules).cases.length;
    }
    expect(total).toBe(1003);
  });

  for (const folder of folders()) {
    const gap = ENGINE_GAPS[folder];
    it.skipIf(gap !== undefined)(
      `${folder} passes${gap !== undefined ? ` (engine gap: ${gap})` : ""}`,
      async () => {
        const run = await cli(REPO, "rego", "test", join(LIBRARY, folder));
        expect(run.stderr).toBe("");
        expect(run.stdout).toMatch(/^PASS: (\d+)\/\1\n$/);
        expect(run.code).toBe(0);
      },
    );
  }
});
