import { BUILTIN_FAMILIES } from "@portcullis/rego";
import { jsonBuiltins } from "/work/main/packages/rego/src/builtins/json.ts";
import { netBuiltins } from "/work/main/packages/rego/src/builtins/net.ts";
(BUILTIN_FAMILIES as unknown as unknown[]).push(jsonBuiltins, netBuiltins);
process.argv.splice(2, 0);
await import("/work/main/test/conformance/main.ts");
