#!/usr/bin/env node
// Runs the CLI from its bundled build (rebuilt when the sources change), or from the TypeScript
// sources through tsx when no bundle can be built. PORTCULLIS_FROM_SOURCE=1 forces the sources.
import { pathToFileURL } from "node:url";
import { bundledCli } from "./bundle.mjs";

const bundle = await bundledCli();
let runCli;
if (bundle !== undefined) {
  ({ runCli } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ runCli } = await import("../src/cli/main.ts"));
}
process.exitCode = await runCli(process.argv.slice(2));
