/** Template variables evaluated on first use and cached for one constraint review. */
import { CelEvalError } from "./errors.js";
import { type Program, runProgram, type VariableResolver } from "./program.js";
import type { CelMap, CelValue } from "./values.js";

const PENDING = Symbol("pending");

/** Lazily evaluates `variables.<name>`; errors are cached too and re-raised on each use. */
export class LazyVariables implements VariableResolver {
  private readonly values: (CelValue | CelEvalError | typeof PENDING | undefined)[];

  constructor(
    private readonly names: readonly string[],
    private readonly programs: readonly Program[],
    private readonly roots: readonly CelValue[],
    private readonly deadline: number,
  ) {
    this.values = new Array(programs.length);
  }

  get(index: number): CelValue {
    const cached = this.values[index];
    if (cached instanceof CelEvalError) throw cached;
    if (cached === PENDING)
      throw new CelEvalError(`composited variable "${this.names[index]}" refers to itself`);
    if (cached !== undefined) return cached;
    const program = this.programs[index];
    if (program === undefined) throw new CelEvalError(`no variable at index ${index}`);
    this.values[index] = PENDING;
    try {
      const v = runProgram(program, this.roots, this, this.deadline);
      this.values[index] = v;
      return v;
    } catch (e: unknown) {
      if (!(e instanceof CelEvalError)) {
        this.values[index] = undefined;
        throw e;
      }
      const err = new CelEvalError(
        `composited variable "${this.names[index]}" fails to evaluate: ${e.message}`,
      );
      this.values[index] = err;
      throw err;
    }
  }

  all(): CelMap {
    const out: CelMap = new Map();
    this.names.forEach((name, i) => {
      out.set(name, this.get(i));
    });
    return out;
  }
}
