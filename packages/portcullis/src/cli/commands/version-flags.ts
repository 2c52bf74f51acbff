import type { Command } from "commander";
import type { VersionMode } from "../../rego-tools/index.js";

/** Options the version flags set. */
export interface VersionFlags {
  readonly v0?: boolean;
  readonly v0Compatible?: boolean;
  readonly v1?: boolean;
  readonly v1Compatible?: boolean;
}

/** Adds `--v0`/`--v0-compatible` and `--v1`/`--v1-compatible` to a command. */
export function addVersionFlags(command: Command): Command {
  return command
    .option("--v0", "parse Rego files (and the query) as Rego v0 only")
    .option("--v0-compatible", "same as --v0 (OPA's spelling)")
    .option("--v1", "parse Rego files as Rego v1 only (no v0 fallback)")
    .option("--v1-compatible", "same as --v1 (OPA's spelling)");
}

/**
 * The version mode the flags ask for: `v0`, `v1`, or by default `auto` (each file as Rego v1,
 * falling back to v0 for a file that only parses as v0). Undefined when both are given.
 */
export function versionMode(flags: VersionFlags): VersionMode | undefined {
  const v0 = flags.v0 === true || flags.v0Compatible === true;
  const v1 = flags.v1 === true || flags.v1Compatible === true;
  if (v0 && v1) return undefined;
  return v0 ? "v0" : v1 ? "v1" : "auto";
}

/** Help text shared by the commands. */
export const VERSION_HELP = `
Rego version: by default each .rego file is parsed as Rego v1 (OPA 1.x) and, when it does not
parse as v1 but does as v0, as Rego v0 — so pre-1.0 policies (such as the gatekeeper-library)
load without flags. --v0 parses everything as v0; --v1 disables the fallback.`;
