import { type Module, parseModule, RegoErrors, type RegoVersion } from "@portcullis/rego";

/**
 * Which Rego syntax to parse files with:
 * - `v1`: Rego v1 only (OPA 1.x's default),
 * - `v0`: Rego v0 only (OPA's `--v0-compatible`),
 * - `auto` (our default): Rego v1, falling back per file to v0 when the file does not parse as v1
 *   but does as v0 — so pre-1.0 policies such as the gatekeeper-library run without a flag.
 */
export type VersionMode = "v0" | "v1" | "auto";

/** The syntax to parse queries with under a mode: v0 only when asked for. */
export function queryVersion(mode: VersionMode): RegoVersion {
  return mode === "v0" ? 0 : 1;
}

/**
 * Parses one Rego file under `mode`. Throws the engine's `RegoErrors` (with file:row:col); under
 * `auto`, the v1 errors when the file parses under neither syntax.
 */
export function parseRegoFile(file: string, text: string, mode: VersionMode): Module {
  if (mode !== "auto") return parseModule(text, { file, regoVersion: mode === "v0" ? 0 : 1 });
  try {
    return parseModule(text, { file, regoVersion: 1 });
  } catch (v1Error: unknown) {
    if (!(v1Error instanceof RegoErrors)) throw v1Error;
    try {
      return parseModule(text, { file, regoVersion: 0 });
    } catch {
      throw v1Error;
    }
  }
}
