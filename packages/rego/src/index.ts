/** @portcullis/rego: a Rego engine. Parse, compile once, prepare queries, evaluate many times. */

export type * from "./ast/nodes.js";
export { GoJsonSyntaxError, goJsonParse, toWellFormed } from "./builtins/encoding/go-json-parse.js";
export { GO_YAML_OPTIONS, goYamlDocumentValue, YamlConvertError } from "./builtins/encoding/go-yaml.js";
export { BuiltinError, OperandTypeError } from "./builtins/errors.js";
export { BUILTIN_FAMILIES, defaultBuiltins } from "./builtins/index.js";
export { compiledRegex } from "./builtins/regex.js";
export type { BuiltinContext, BuiltinDef, BuiltinImpl, BuiltinServices } from "./builtins/registry.js";
export { BuiltinRegistry } from "./builtins/registry.js";
export { replace as goReplace, runeCount, trimRight } from "./builtins/strings-go.js";
export { parseGoDuration } from "./builtins/time/go-duration.js";
export * from "./errors.js";
export {
  codegenThreshold,
  generatedVariants,
  generationFailures,
  setCodegenThreshold,
} from "./eval/generated-chain.js";
export { EXPLAIN_MODES, type ExplainMode, explainEvents, prettyTrace } from "./eval/pretty-trace.js";
export { type TraceEvent, type TraceNodeKind, type TraceOp, Tracer } from "./eval/tracer.js";
export * from "./location.js";
export type { EvalRequest, PolicyOptions, ResultRow, SourceFile } from "./rego.js";
export { Policy, PreparedDocument, PreparedQuery } from "./rego.js";
export { parseModule, parseQuery } from "./syntax/parser.js";
export * from "./value/index.js";
export {
  checkYamlNesting,
  MAX_YAML_DEPTH,
  parseYamlStream,
  YamlNestingError,
  type YamlReadOptions,
} from "./yaml/yaml-stream.js";
