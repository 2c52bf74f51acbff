/** Rego developer tools behind `portcullis rego eval` and `portcullis rego test`: plain functions. */

export * from "./data-tree.js";
export * from "./discover-tests.js";
export * from "./errors.js";
export * from "./evaluate-query.js";
export * from "./format-eval.js";
export * from "./format-table.js";
export * from "./format-test-report.js";
export * from "./function-info.js";
export * from "./go-duration.js";
export * from "./go-json.js";
export * from "./load-paths.js";
export * from "./parse-data.js";
export * from "./parse-go-duration.js";
export * from "./query-plan.js";
export * from "./read-input.js";
export * from "./rego-version.js";
export * from "./run-tests.js";
export * from "./test-suite.js";
