/** @portcullis/rego: a Rego engine. Parse, compile once, prepare queries, evaluate many times. */
export * from "./errors.js";
export * from "./location.js";
export * from "./value/index.js";
export type * from "./ast/nodes.js";
export { Policy, PreparedQuery } from "./rego.js";
export type { EvalRequest, PolicyOptions, ResultRow, SourceFile } from "./rego.js";
export { defaultBuiltins, BUILTIN_FAMILIES } from "./builtins/index.js";
export { BuiltinRegistry } from "./builtins/registry.js";
export type { BuiltinContext, BuiltinDef, BuiltinImpl, BuiltinServices } from "./builtins/registry.js";
export { parseModule, parseQuery } from "./syntax/parser.js";
