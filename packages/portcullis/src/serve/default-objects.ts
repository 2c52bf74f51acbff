import { fileURLToPath } from "node:url";

/** The objects `npm start` audits (the repository's examples/objects). */
export const DEFAULT_OBJECTS_DIR = fileURLToPath(new URL("../../../../examples/objects", import.meta.url));
