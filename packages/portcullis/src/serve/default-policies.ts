import { fileURLToPath } from "node:url";

/** The starter policies `serve` uses when no `--policies` is given (the repository's examples/policies). */
export const DEFAULT_POLICIES_DIR = fileURLToPath(new URL("../../../../examples/policies", import.meta.url));
