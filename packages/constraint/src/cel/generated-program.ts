/**
 * Compiled CEL programs that run as generated JavaScript (decision 0007): through closures until
 * they have run as often as Rego's code generation threshold says, then through the code
 * compile-source.ts generates. Where the platform forbids `new Function` they stay closures.
 */
import { codegenThreshold } from "@portcullis/rego";
import type { Expr } from "./ast.js";
import { type ClosureOptions, Compiler, compileClosures, type Run, runner } from "./compile.js";
import type { Eval } from "./compile-frame.js";
import { celSource } from "./compile-source.js";
import { CEL_RUNTIME } from "./generated-runtime.js";

const stats = { programs: 0, failures: 0 };
let canCompile = true;

/** CEL programs generated in this process (for tests and conformance runs). */
export function celGeneratedPrograms(): number {
  return stats.programs;
}

/** Generator failures in this process: those programs stay closures. A failure is a generator bug. */
export function celGenerationFailures(): number {
  return stats.failures;
}

type Factory = (E: readonly unknown[], X: typeof CEL_RUNTIME) => Eval;

/** `expr` as generated code; null where compiling is forbidden or the generator failed. */
export function compileGenerated(expr: Expr, options: ClosureOptions): Run | null {
  if (!canCompile) return null;
  const compiler = new Compiler(options);
  let root: Eval;
  try {
    const source = celSource(expr, compiler);
    const factory = new Function("E", "X", source.text) as Factory;
    root = factory(source.env, CEL_RUNTIME);
  } catch (e: unknown) {
    if (e instanceof EvalError) canCompile = false;
    else stats.failures++;
    return null;
  }
  stats.programs++;
  return runner(root, compiler.slotCount);
}

/** Closures first, generated code once the program is hot (see the module comment). */
export function compileTiered(expr: Expr, options: ClosureOptions): Run {
  const closures = compileClosures(expr, options);
  let runs = 0;
  let generated: Run | null | undefined;
  return (activation) => {
    if (generated === undefined) {
      const threshold = codegenThreshold();
      if (threshold === null || runs < threshold) {
        runs++;
        return closures(activation);
      }
      generated = compileGenerated(expr, options);
    }
    return (generated ?? closures)(activation);
  };
}
