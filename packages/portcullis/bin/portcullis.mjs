#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader so `npx portcullis` works without a build step.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2));
