import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { bufferIo } from "../../packages/portcullis/src/cli/io.js";
import { runCli } from "../../packages/portcullis/src/cli/main.js";

/** Pass counts of `portcullis rego test` over every folder holding `*_test.rego` files. */
export interface RegoTestsOutcome {
  passed: number;
  failed: number;
  lines: string[];
}

function testFolders(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    const names = readdirSync(d).sort();
    if (names.some((n) => n.endsWith("_test.rego"))) out.push(d);
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Runs the gatekeeper-library's Rego unit tests folder by folder through the CLI (as `opa test`
 * would be run on each) and adds up `PASS: N/M`.
 */
export async function runGatekeeperRegoTests(dir: string): Promise<RegoTestsOutcome> {
  const root = resolve(dir);
  let passed = 0;
  let total = 0;
  const lines: string[] = [];
  for (const folder of testFolders(root)) {
    const io = bufferIo(folder);
    await runCli(["rego", "test", folder], io);
    const out = io.out();
    const m = /^PASS: (\d+)\/(\d+)$/m.exec(out);
    const pass = m ? Number(m[1]) : 0;
    const all = m ? Number(m[2]) : 0;
    passed += pass;
    total += all;
    if (m === null || pass !== all) lines.push(`FAIL ${folder.slice(root.length + 1)}\n${out}${io.err()}`);
  }
  return { passed, failed: total - passed, lines };
}
