/** Compiles a K8sNativeValidation source into programs, once per template. */
import { TemplateError, type TemplateSource } from "../driver.js";
import { ROOTS } from "./bindings.js";
import { CelCompileError } from "./errors.js";
import { TemplateVariables } from "./lazy-variables.js";
import { type CompileOptions, compileExpression, type Program } from "./program.js";
import { type FailurePolicy, readSource } from "./source.js";

/** Gatekeeper's own variables, declared before the template's. */
const GATEKEEPER_VARIABLES = [
  {
    name: "anyObject",
    expression: `has(request.operation) && request.operation == "DELETE" && object == null ? oldObject : object`,
  },
  {
    name: "params",
    expression: "!has(params.spec) ? null : !has(params.spec.parameters) ? null : params.spec.parameters",
  },
];

export interface CompiledValidation {
  readonly expression: string;
  readonly program: Program;
  readonly message: string;
  readonly messageProgram: Program | undefined;
}

export interface CompiledMatchCondition {
  readonly name: string;
  readonly program: Program;
}

/** Everything a review needs, compiled. */
export interface CelTemplate {
  readonly variables: TemplateVariables;
  readonly matchConditions: readonly CompiledMatchCondition[];
  readonly validations: readonly CompiledValidation[];
  readonly failurePolicy: FailurePolicy;
}

/** Compiles a template's source; throws {@link TemplateError} naming the failing expression. */
export function compileCelTemplate(
  t: TemplateSource,
  defaultFailurePolicy: FailurePolicy = "Fail",
  options: CompileOptions = {},
): CelTemplate {
  const where = t.file === undefined ? `template ${t.name}` : `${t.file} (template ${t.name})`;
  const source = readSource(t.source, where, defaultFailurePolicy);
  const declared = new Set<string>();
  const compile = (expression: string, path: string): Program => {
    try {
      return compileExpression(expression, { roots: ROOTS, variables: declared }, options);
    } catch (e: unknown) {
      if (e instanceof CelCompileError)
        throw new TemplateError(e.code, `${where}: ${path}:${e.row}:${e.col}: ${e.message}`, {
          file: t.file,
          row: e.row,
          col: e.col,
        });
      throw e;
    }
  };
  const variableNames: string[] = [];
  const variables: Program[] = [];
  const allVariables = [
    ...GATEKEEPER_VARIABLES.map((v) => ({ ...v, path: `gatekeeper variable ${v.name}` })),
    ...source.variables.map((v, i) => ({ ...v, path: `variables[${i}] (${v.name})` })),
  ];
  for (const v of allVariables) {
    variables.push(compile(v.expression, v.path));
    declared.add(v.name);
    variableNames.push(v.name);
  }
  const matchConditions = source.matchConditions.map((m, i) => ({
    name: m.name,
    program: compile(m.expression, `matchConditions[${i}] (${m.name})`),
  }));
  const validations = source.validations.map((v, i) => ({
    expression: v.expression,
    program: compile(v.expression, `validations[${i}].expression`),
    message: v.message,
    messageProgram:
      v.messageExpression === ""
        ? undefined
        : compile(v.messageExpression, `validations[${i}].messageExpression`),
  }));
  return {
    variables: new TemplateVariables(variableNames, variables),
    matchConditions,
    validations,
    failurePolicy: source.failurePolicy,
  };
}
