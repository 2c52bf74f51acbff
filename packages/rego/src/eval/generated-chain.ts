import type { IrExpr, IrTerm } from "../compiler/ir.js";
import { exprTerms, subterms } from "../compiler/ir-visit.js";
import { type BodySource, type BodyTail, bodySource, directBodySource } from "./body-source.js";
import type { DirectBody } from "./direct.js";
import type { Frame, K } from "./eval-types.js";
import { GENERATED_RUNTIME } from "./generated-runtime.js";
import type { Step, StepHost } from "./steps.js";

/** Interpreted steps a generated chain falls back to (steps.ts's compiled closures). */
export interface Interpreter {
  /** The step for one expression followed by `next`. */
  exprStep(e: IrExpr, next: Step): Step;
}

/** Runs of a body after which its JavaScript is generated; null turns generation off. */
let threshold: number | null = 16;

/**
 * Sets how many times a body runs through the interpreter before its JavaScript is generated
 * (0: at once; null: never). Tests and conformance runs use 0 to run generated code everywhere.
 */
export function setCodegenThreshold(runs: number | null): void {
  threshold = runs;
}

const stats = { variants: 0, failures: 0, inlinedCalls: 0 };

/** How many body variants have been generated in this process (for tests and benchmarks). */
export function generatedVariants(): number {
  return stats.variants;
}

/** How many calls of user functions generated code has written inline in this process. */
export function inlinedCalls(): number {
  return stats.inlinedCalls;
}

/**
 * How many bodies the generator failed on in this process (text that did not compile, or an
 * error while generating it). Those bodies stay interpreted; a failure is a generator bug, which
 * conformance runs report.
 */
export function generationFailures(): number {
  return stats.failures;
}

/** The current setting of {@link setCodegenThreshold}. */
export function codegenThreshold(): number | null {
  return threshold;
}

/** Slots a mask can describe. */
const MAX_SLOTS = 30;
/** Variants (binding states on entry) one body keeps before it stays interpreted. */
const MAX_VARIANTS = 8;

type Factory<T> = (env: readonly unknown[], runtime: typeof GENERATED_RUNTIME) => T;

/**
 * A body whose hot paths run as generated JavaScript. Each suffix of its expressions is a step
 * that first runs through the interpreter, then, once it has run {@link threshold} times, through
 * code generated for the variables bound on entry (one variant per binding state).
 */
export class GeneratedChain {
  private readonly suffixes: (Step | undefined)[] = [];
  private readonly fallbacks: (Step | undefined)[] = [];
  private freshStep: Step | undefined;

  constructor(
    private readonly exprs: readonly IrExpr[],
    private readonly tail: BodyTail,
    private readonly tailStep: Step,
    private readonly interpreter: Interpreter,
  ) {}

  /** The step running expressions `from`… and the tail. */
  suffix(from: number): Step {
    if (from === this.exprs.length) return this.tailStep;
    let step = this.suffixes[from];
    if (step === undefined) {
      step = this.dispatcher(from);
      this.suffixes[from] = step;
    }
    return step;
  }

  /**
   * The whole body, for a caller that always enters with a fresh frame (no slot bound): the same
   * as `suffix(0)`, without reading the frame on each entry to find its variant.
   */
  fresh(): Step {
    if (this.exprs.length === 0) return this.tailStep;
    this.freshStep ??= this.dispatcher(0, true);
    return this.freshStep;
  }

  /** Expression `i` through the interpreter, then the rest of the body (generated again). */
  private fallback(i: number): Step {
    let step = this.fallbacks[i];
    if (step === undefined) {
      step = this.interpreter.exprStep(this.exprs[i] as IrExpr, this.suffix(i + 1));
      this.fallbacks[i] = step;
    }
    return step;
  }

  /** With `fresh`, every entry has no slot bound, so the frame is not read for the variant. */
  private dispatcher(from: number, fresh = false): Step {
    const slots = slotsOf(this.exprs.slice(from), this.tail);
    const interpreted = this.fallback(from);
    if (slots.length > MAX_SLOTS) return interpreted;
    const variants = new Map<number, Step>();
    // Most bodies are entered in one binding state: the last variant is kept at hand.
    let lastMask = -1;
    let lastStep: Step = interpreted;
    let runs = 0;
    return (h: StepHost, f: Frame, k: K): boolean => {
      if (threshold === null || runs < threshold || h.overridden()) {
        runs++;
        return interpreted(h, f, k);
      }
      let mask = 0;
      if (!fresh)
        for (let i = 0; i < slots.length; i++) if (f[slots[i] as number] !== undefined) mask |= 1 << i;
      if (mask === lastMask) return lastStep(h, f, k);
      let step = variants.get(mask);
      if (step === undefined) {
        step = variants.size < MAX_VARIANTS ? this.generate(from, slots, mask, h) : interpreted;
        variants.set(mask, step);
      }
      lastMask = mask;
      lastStep = step;
      return step(h, f, k);
    };
  }

  private generate(from: number, slots: readonly number[], mask: number, h: StepHost): Step {
    const bound = new Set(slots.filter((_, i) => (mask & (1 << i)) !== 0));
    const step = instantiate<Step>(() =>
      bodySource(this.exprs, from, this.tail, bound, {
        fallback: (i) => this.fallback(i),
        tailStep: this.tailStep,
        plan: (fn) => h.functionPlan(fn),
      }),
    );
    return step ?? this.fallback(from);
  }
}

/**
 * A function body run straight through (see {@link DirectBody}): the interpreter's form until it
 * has run {@link threshold} times, then generated, with the argument slots `bound` on entry.
 */
export function tieredDirectBody(
  exprs: readonly IrExpr[],
  head: IrTerm,
  bound: readonly number[],
  interpreted: DirectBody,
): DirectBody {
  let runs = 0;
  let generated: DirectBody | null | undefined;
  return (h, f) => {
    if (generated === undefined) {
      if (threshold === null || runs < threshold || h.overridden()) {
        runs++;
        return interpreted(h, f);
      }
      generated = instantiate<DirectBody>(() =>
        directBodySource(exprs, head, new Set(bound), (fn) => h.functionPlan(fn)),
      );
    }
    return generated === null || h.overridden() ? interpreted(h, f) : generated(h, f);
  };
}

/**
 * Generates, compiles and instantiates a body; null when there is nothing to generate (`make`
 * gives null, or text that only hands over to the interpreter), where the platform forbids
 * compiling (a Content-Security-Policy: then never again), or when generation fails.
 */
function instantiate<T>(make: () => BodySource | null): T | null {
  if (!canCompile) return null;
  let factory: Factory<T>;
  let source: BodySource | null;
  try {
    source = make();
    if (source === null || source.onlyFallback) return null;
    factory = new Function("E", "X", source.text) as Factory<T>;
  } catch (e: unknown) {
    if (e instanceof EvalError) canCompile = false;
    else stats.failures++;
    return null;
  }
  stats.variants++;
  stats.inlinedCalls += source.inlinedCalls;
  return factory(source.env, GENERATED_RUNTIME);
}

let canCompile = true;

/** Variable slots the expressions and tail read or bind, outside nested bodies. */
function slotsOf(exprs: readonly IrExpr[], tail: BodyTail): number[] {
  const slots = new Set<number>();
  const visit = (t: IrTerm): void => {
    if (t.k === "var") slots.add(t.slot);
    else for (const x of subterms(t)) visit(x);
  };
  for (const e of exprs) for (const t of exprTerms(e.node)) visit(t);
  if (tail.kind === "yield") visit(tail.head);
  return [...slots].sort((a, b) => a - b);
}
