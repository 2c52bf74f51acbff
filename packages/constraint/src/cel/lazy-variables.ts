/**
 * Template variables evaluated on first use and cached for one constraint review, so a variable
 * runs only when an expression reads it. A variable that reads nothing but `params` and such
 * variables is kept across reviews for the constraint's parameters (decision 0010); one that reads
 * nothing but the review (`object`, `oldObject`, `request`, `namespaceObject`) and such variables
 * is kept across the constraints of one review ({@link TemplateVariables.reviewValues}). Compiled programs read the
 * state straight from the activation ({@link variableState}); the activation's prototype also has
 * a getter per `variables.<name>` and for `variables`, for @bufbuild/cel's planner (which looks
 * qualified names up on the activation) and other readers of plain activations.
 */
import { type CelError, type CelMap, type CelValue, celMap } from "@bufbuild/cel";
import type { ReviewRoots } from "./bindings.js";
import { celError } from "./compile-errors.js";
import { celErrorText } from "./error-text.js";
import { isCelErrorValue } from "./errors.js";
import { INTERNAL } from "./internal-functions.js";
import type { Activation, Program } from "./program.js";

const PENDING = Symbol("pending");
type Slot = CelValue | CelError | typeof PENDING | undefined;

/** The variables' state for one activation. */
export class VariableValues {
  private readonly values: Slot[];

  constructor(
    /** The template the variables belong to. */
    readonly template: TemplateVariables,
    private readonly activation: Activation,
    /** The values of the parameters' variables, shared by every review with the same `params`. */
    private readonly ofParams: (CelValue | undefined)[] | undefined,
    /** The values of the review's variables, shared by the constraints reviewed with its roots. */
    private readonly ofReview: (CelValue | undefined)[] | undefined,
  ) {
    this.values = new Array<Slot>(template.programs.length);
  }

  /** The value of the variable at `index` (in declaration order), evaluated on first use. */
  get(index: number): CelValue | CelError {
    const cached = this.values[index];
    if (cached !== undefined && cached !== PENDING) return cached;
    const name = this.template.names[index] ?? "";
    if (cached === PENDING) return celError(`composited variable "${name}" refers to itself`);
    const shared =
      this.template.ofParams[index] === true
        ? this.ofParams
        : this.template.ofReview[index] === true
          ? this.ofReview
          : undefined;
    const known = shared?.[index];
    if (known !== undefined) {
      this.values[index] = known;
      return known;
    }
    const program = this.template.programs[index];
    if (program === undefined) return celError(`no variable ${name}`);
    this.values[index] = PENDING;
    const r = program.run(this.activation);
    if (isCelErrorValue(r)) {
      // Not shared: the error may be this review's deadline.
      const e = celError(`composited variable "${name}" fails to evaluate: ${celErrorText(r)}`);
      this.values[index] = e;
      return e;
    }
    this.values[index] = r;
    if (shared !== undefined) shared[index] = r;
    return r;
  }

  /** All variables as a map (`variables` on its own). */
  all(): CelMap | CelError {
    const out = new Map<string, CelValue>();
    for (let i = 0; i < this.template.names.length; i++) {
      const v = this.get(i);
      if (isCelErrorValue(v)) return v;
      out.set(this.template.names[i] ?? "", v);
    }
    return celMap(out);
  }
}

const STATE = Symbol("variable values");
/** An activation made by {@link TemplateVariables.activation}. */
type Bound = Activation & { [STATE]?: VariableValues };

function lookup(activation: Bound, read: (s: VariableValues) => CelValue | CelError): CelValue | CelError {
  const s = activation[STATE];
  return s === undefined ? celError("variables are not bound") : read(s);
}

/** The variables' state of an activation made by {@link TemplateVariables.activation}. */
export function variableState(a: Activation): VariableValues | undefined {
  const bound: Bound = a;
  return bound[STATE];
}

/** Whether each variable reads only roots `allowed` and earlier variables that do. */
function readsOnly(
  names: readonly string[],
  programs: readonly Program[],
  allowed: (root: string) => boolean,
): boolean[] {
  const out: boolean[] = [];
  programs.forEach((p, i) => {
    const { roots, variables } = p.references;
    out[i] =
      [...roots].every(allowed) &&
      [...variables].every((v) => {
        const j = names.indexOf(v);
        return j >= 0 && j < i && out[j] === true;
      });
  });
  return out;
}

/** The roots that are the same for every constraint of one review. */
const REVIEW_ROOTS: ReadonlySet<string> = new Set(["object", "oldObject", "request", "namespaceObject"]);

/** A template's variables: names, programs and the activation prototype with their getters. */
export class TemplateVariables {
  private readonly proto: object;
  /** Whether the variable at each index depends on `params` alone. */
  readonly ofParams: readonly boolean[];
  /** Whether the variable at each index depends on the review alone (and reads something). */
  readonly ofReview: readonly boolean[];
  private readonly anyOfParams: boolean;
  private readonly anyOfReview: boolean;
  private readonly valuesOfParams = new WeakMap<object, (CelValue | undefined)[]>();

  constructor(
    readonly names: readonly string[],
    readonly programs: readonly Program[],
  ) {
    this.ofParams = readsOnly(names, programs, (r) => r === "params");
    this.anyOfParams = this.ofParams.includes(true);
    const ofReview = readsOnly(names, programs, (r) => REVIEW_ROOTS.has(r));
    this.ofReview = ofReview.map((review, i) => review && this.ofParams[i] !== true);
    this.anyOfReview = this.ofReview.includes(true);
    const proto = Object.create(null);
    names.forEach((name, i) => {
      Object.defineProperty(proto, `variables.${name}`, {
        get(this: Bound) {
          return lookup(this, (s) => s.get(i));
        },
      });
    });
    Object.defineProperty(proto, "variables", {
      get(this: Bound) {
        return lookup(this, (s) => s.all());
      },
    });
    this.proto = proto;
  }

  /** The index of the variable `name`; -1 when there is none. */
  indexOf(name: string): number {
    return this.names.indexOf(name);
  }

  /**
   * Where the variables that read only the review keep their values: made once per review and
   * given to the activation of each of its constraints (undefined when there are none).
   */
  reviewValues(): (CelValue | undefined)[] | undefined {
    return this.anyOfReview ? new Array<CelValue | undefined>(this.names.length) : undefined;
  }

  /**
   * A fresh activation for one review of one constraint; `ofReview` (from {@link reviewValues})
   * shares the review's variables with its other constraints.
   */
  activation(
    roots: ReviewRoots,
    params: CelValue,
    deadline: number,
    ofReview: (CelValue | undefined)[] | undefined = this.reviewValues(),
  ): Activation {
    const a: Bound = Object.create(this.proto);
    a.object = roots.object;
    a.oldObject = roots.oldObject;
    a.request = roots.request;
    a.namespaceObject = roots.namespaceObject;
    a.params = params;
    a[INTERNAL.deadline] = deadline;
    a[STATE] = new VariableValues(this, a, this.sharedValues(params), ofReview);
    return a;
  }

  private sharedValues(params: CelValue): (CelValue | undefined)[] | undefined {
    if (typeof params !== "object" || params === null || !this.anyOfParams) return undefined;
    let values = this.valuesOfParams.get(params);
    if (values === undefined) {
      values = new Array<CelValue | undefined>(this.names.length);
      this.valuesOfParams.set(params, values);
    }
    return values;
  }
}
