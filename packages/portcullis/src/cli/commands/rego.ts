import type { CliCommand } from "../command.js";
import { registerRegoEval } from "./rego-eval.js";
import { registerRegoTest } from "./rego-test.js";

/** `portcullis rego …`: Rego developer tools (`eval`, `test`), compatible with `opa eval` and `opa test`. */
export const regoCommand: CliCommand = {
  name: "rego",
  register(program, context) {
    const rego = program
      .command("rego")
      .description("Rego developer tools, compatible with opa eval and opa test");
    registerRegoEval(rego, context);
    registerRegoTest(rego, context);
  },
};
