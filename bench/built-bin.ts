import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

/**
 * The `portcullis` bin, after one untimed start: the first start after a source change builds the
 * bundled CLI (decision 0004), which no timed run should pay for.
 */
export function builtBin(repoRoot: string): string {
  const bin = resolve(repoRoot, "packages/portcullis/bin/portcullis.mjs");
  spawnSync(process.execPath, [bin, "--help"], { cwd: repoRoot, encoding: "utf8" });
  return bin;
}
