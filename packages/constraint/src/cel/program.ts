/** Compiles one CEL expression with @bufbuild/cel: parse, rewrite macros, check names, plan. */
import { type CelInput, type CelResult, parse, plan } from "@bufbuild/cel";
import { maxId, type ParsedExpr } from "./ast.js";
import { checkReferences, type Declarations } from "./check-references.js";
import { kubernetesEnv } from "./environment.js";
import { CelCompileError, lineCol } from "./errors.js";
import { rewriteMacros } from "./macros.js";

/** The bindings an expression runs with: roots, `variables.<name>` and `@deadline`. */
export type Activation = { [name: string]: CelInput };

/** A compiled expression, ready to run on many activations. */
export interface Program {
  readonly source: string;
  /** Evaluates; never throws (CEL errors are returned as values). */
  readonly run: (activation: Activation) => CelResult;
}

function parseSource(source: string): ParsedExpr {
  try {
    return parse(source);
  } catch (e: unknown) {
    const text = e instanceof Error ? e.message : String(e);
    const m = /^<input>:(\d+):(\d+): (.*)$/s.exec(text);
    if (m === null) throw new CelCompileError("cel_syntax_error", text, 1, 1);
    throw new CelCompileError("cel_syntax_error", m[3] ?? text, Number(m[1]), Number(m[2]));
  }
}

/** Compiles `source`; throws {@link CelCompileError} on syntax errors and unknown names. */
export function compileExpression(source: string, declarations: Omit<Declarations, "functions">): Program {
  const parsed = parseSource(source);
  const positions = parsed.sourceInfo?.positions ?? {};
  const expr = parsed.expr;
  rewriteMacros(expr, positions, maxId(expr));
  const env = kubernetesEnv();
  checkReferences(expr, { ...declarations, functions: env.funcs }, (at, code, message) => {
    const { row, col } = lineCol(source, positions[at.id.toString()] ?? 0);
    throw new CelCompileError(code, message, row, col);
  });
  const run = plan(env, expr);
  return { source, run };
}
