/**
 * Compiled CEL programs that run as generated JavaScript (decision 0007): through closures until
 * they have run as often as Rego's code generation threshold says, then through the code
 * compile-source.ts generates. Where the platform forbids `new Function` they stay closures.
 */
import { codegenThreshold } from "@portcullis/rego";
import type { Expr } from "./ast.js";
import { type ClosureOptions, Compiler, compileClosures, type Run } from "./compile.js";
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

type Factory = (E: readonly unknown[], X: typeof CEL_RUNTIME) => Run;

/** `expr` as generated code; null where compiling is forbidden or the generator failed. */
export function compileGenerated(expr: Expr, options: ClosureOptions): Run | null {
  if (!canCompile) return null;
  let run: Run;
  try {
    const source = celSource(expr, new Compiler(options));
    const factory = new Function("E", "X", source.text) as Factory;
    run = factory(source.env, CEL_RUNTIME);
  } catch (e: unknown) {
    if (e instanceof EvalError) canCompile = false;
    else stats.failures++;
    return null;
  }
  stats.programs++;
  return run;
}

/**
 * Closures first, generated code once the program is hot (see the module comment). `install`
 * receives the generated function, so that callers call it directly from then on (a wrapper
 * shared by every program would be one call site for all of them).
 */
export function compileTiered(expr: Expr, options: ClosureOptions, install: (run: Run) => void): Run {
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
      if (generated !== null) install(generated);
    }
    return (generated ?? closures)(activation);
  };
}
