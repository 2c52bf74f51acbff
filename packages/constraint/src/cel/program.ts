/** Runtime shapes shared by the compiler and the driver: frames, evaluators and programs. */
import { CelEvalError } from "./errors.js";
import type { CelMap, CelValue } from "./values.js";

/** Gives compiled code the template's `variables.<name>` values, evaluated lazily once each. */
export interface VariableResolver {
  get(index: number): CelValue;
  /** All variables as a map (for a bare `variables` reference). */
  all(): CelMap;
}

/** The evaluation state of one expression run. */
export interface Frame {
  /** Root identifiers (`object`, `request`, …) by the index the compiler assigned. */
  readonly roots: readonly CelValue[];
  readonly vars: VariableResolver;
  /** Comprehension variables by slot. */
  readonly locals: CelValue[];
  /** Milliseconds since the epoch after which evaluation stops, or Infinity. */
  readonly deadline: number;
}

/** A compiled expression node. */
export type Evaluator = (f: Frame) => CelValue;

/** A compiled expression, ready to run on many frames. */
export interface Program {
  readonly source: string;
  /** Number of comprehension-variable slots a frame needs. */
  readonly localCount: number;
  readonly run: Evaluator;
}

/** Runs a program with fresh local slots. */
export function runProgram(
  p: Program,
  roots: readonly CelValue[],
  vars: VariableResolver,
  deadline: number,
): CelValue {
  const locals: CelValue[] = p.localCount === 0 ? [] : new Array<CelValue>(p.localCount).fill(null);
  return p.run({ roots, vars, locals, deadline });
}

/** Throws when the frame's deadline has passed. */
export function checkDeadline(f: Frame): void {
  if (f.deadline !== Number.POSITIVE_INFINITY && Date.now() > f.deadline)
    throw new CelEvalError("operation interrupted: evaluation deadline exceeded");
}
