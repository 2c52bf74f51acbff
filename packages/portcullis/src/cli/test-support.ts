import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { bufferIo } from "./io.js";
import { runCli } from "./main.js";

/**
 * A temporary directory holding `files` (name → text), removed once the tests of the file or
 * `describe` block that made it have run: make it where tests are declared, not inside one.
 */
export function tempTree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), "portcullis-cli-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `portcullis …argv` in `cwd` with buffered output. */
export async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  const io = bufferIo(cwd);
  const code = await runCli(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}
