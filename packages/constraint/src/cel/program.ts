/**
 * Compiles one CEL expression: @bufbuild/cel parses, our macro rewrite and name checks follow, and
 * the compiler in compile.ts turns the tree into closures, and compile-source.ts into JavaScript
 * once the program is hot (@bufbuild/cel's own planner remains available as an option, for
 * comparisons).
 */
import { type CelInput, type CelResult, parse, plan } from "@bufbuild/cel";
import { maxId, type ParsedExpr } from "./ast.js";
import { checkReferences, type Declarations, type References } from "./check-references.js";
import { compileClosures } from "./compile.js";
import { kubernetesEnv } from "./environment.js";
import { CelCompileError, lineCol } from "./errors.js";
import { compileGenerated, compileTiered } from "./generated-program.js";
import { rewriteMacros } from "./macros.js";
import { parseCel } from "./parse/index.js";

/** The bindings an expression runs with: roots, `variables.<name>` and `@deadline`. */
export type Activation = { [name: string]: CelInput };

/** A compiled expression, ready to run on many activations. */
export interface Program {
  readonly source: string;
  /**
   * Evaluates; never throws (CEL errors are returned as values). Read it for each call: a tiered
   * program replaces it with its generated code once that exists.
   */
  readonly run: (activation: Activation) => CelResult;
  /** The roots and template variables the expression reads. */
  readonly references: References;
}

function parseSource(source: string): ParsedExpr {
  // Our parser gives @bufbuild/cel's trees, several times faster; on a syntax error @bufbuild/cel
  // parses again so that the message is its own.
  const fast = parseCel(source);
  if (fast !== undefined) return fast;
  try {
    return parse(source);
  } catch (e: unknown) {
    const text = e instanceof Error ? e.message : String(e);
    const m = /^<input>:(\d+):(\d+): (.*)$/s.exec(text);
    if (m === null) throw new CelCompileError("cel_syntax_error", text, 1, 1);
    throw new CelCompileError("cel_syntax_error", m[3] ?? text, Number(m[1]), Number(m[2]));
  }
}

/** How expressions are evaluated. */
export interface CompileOptions {
  /**
   * `tiered` (the default) runs closures until the program is hot, then generated code;
   * `closures` and `generated` use one of them from the start; `planner` uses @bufbuild/cel's
   * `plan`, which is much slower and kept to check the compiler against.
   */
  readonly engine?: "tiered" | "closures" | "generated" | "planner";
}

/** Compiles `source`; throws {@link CelCompileError} on syntax errors and unknown names. */
export function compileExpression(
  source: string,
  declarations: Omit<Declarations, "functions">,
  options: CompileOptions = {},
): Program {
  const parsed = parseSource(source);
  const positions = parsed.sourceInfo?.positions ?? {};
  const expr = parsed.expr;
  rewriteMacros(expr, positions, maxId(expr));
  const env = kubernetesEnv();
  const references = checkReferences(expr, { ...declarations, functions: env.funcs }, (at, code, message) => {
    const { row, col } = lineCol(source, positions[at.id.toString()] ?? 0);
    throw new CelCompileError(code, message, row, col);
  });
  const closureOptions = { env, roots: declarations.roots, variables: declarations.variables };
  switch (options.engine) {
    case "planner":
      return { source, references, run: plan(env, expr) };
    case "closures":
      return { source, references, run: compileClosures(expr, closureOptions) };
    case "generated":
      return {
        source,
        references,
        run: compileGenerated(expr, closureOptions) ?? compileClosures(expr, closureOptions),
      };
    default: {
      const program: { source: string; references: References; run: Program["run"] } = {
        source,
        references,
        run: () => null,
      };
      program.run = compileTiered(expr, closureOptions, (run) => {
        program.run = run;
      });
      return program;
    }
  }
}
