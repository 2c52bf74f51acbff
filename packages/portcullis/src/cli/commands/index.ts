/** Every top-level `portcullis` subcommand: one export per command file. */
export { regoCommand } from "./rego.js";
