/**
 * Template variables evaluated on first use and cached for one constraint review, so a variable
 * runs only when an expression reads it. A variable that reads nothing but `params` and such
 * variables is kept across reviews for the constraint's parameters (decision 0010); one that reads
 * nothing but the review (`object`, `oldObject`, `request`, `namespaceObject`) and such variables
 * is kept across the constraints of one review, and across its templates where they declare it
 * alike ({@link TemplateVariables.reviewValues}, {@link TemplateVariables.reviewKeys}). Compiled programs read the
 * state straight from the activation ({@link variableState}); the activations' one prototype also
 * has a getter per `variables.<name>` and for `variables`, for @bufbuild/cel's planner (which
 * looks qualified names up on the activation) and other readers of plain activations.
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

/**
 * The values of one review's variables that read only the review, by
 * {@link TemplateVariables.reviewKeys}: shared by the constraints and templates reviewing it.
 */
export type ReviewVariables = (CelValue | undefined)[];

/** The variables' state for one activation. */
export class VariableValues {
  private readonly values: Slot[];

  constructor(
    /** The template the variables belong to. */
    readonly template: TemplateVariables,
    private readonly activation: Activation,
    /** The values of the parameters' variables, shared by every review with the same `params`. */
    private readonly ofParams: (CelValue | undefined)[] | undefined,
    /** The values of the review's variables, shared by the templates and constraints reviewing it. */
    private readonly ofReview: ReviewVariables | undefined,
  ) {
    this.values = new Array<Slot>(template.programs.length);
  }

  /** The value of the variable at `index` (in declaration order), evaluated on first use. */
  get(index: number): CelValue | CelError {
    const cached = this.values[index];
    if (cached !== undefined && cached !== PENDING) return cached;
    const name = this.template.names[index] ?? "";
    if (cached === PENDING) return celError(`composited variable "${name}" refers to itself`);
    const template = this.template;
    const ofParams = template.ofParams[index] === true ? this.ofParams : undefined;
    const reviewKey = template.reviewKeys[index];
    const known =
      ofParams !== undefined
        ? ofParams[index]
        : reviewKey === undefined
          ? undefined
          : this.ofReview?.[reviewKey];
    if (known !== undefined) {
      this.values[index] = known;
      return known;
    }
    const program = template.programs[index];
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
    if (ofParams !== undefined) ofParams[index] = r;
    else if (reviewKey !== undefined && this.ofReview !== undefined) this.ofReview[reviewKey] = r;
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

/** A number per distinct definition (see {@link definitionKeys}), from 0 up. */
const definitionIds = new Map<string, number>();

function definitionId(definition: string): number {
  let id = definitionIds.get(definition);
  if (id === undefined) {
    id = definitionIds.size;
    definitionIds.set(definition, id);
  }
  return id;
}

/** An empty {@link ReviewVariables}, with room for every definition known so far. */
export function newReviewVariables(): ReviewVariables {
  return new Array<CelValue | undefined>(definitionIds.size);
}

/**
 * What each variable computes, as a number: two variables have the same number when they have
 * the same expression and read variables of the same numbers under the same names, so they
 * compute the same value from the same roots and parameters, whichever template declares them.
 */
function definitionKeys(names: readonly string[], programs: readonly Program[]): number[] {
  const keys: number[] = [];
  programs.forEach((p, i) => {
    const reads = [...p.references.variables].sort().map((v) => {
      const j = names.indexOf(v);
      return `${v}=${j >= 0 && j < i ? keys[j] : "?"}`;
    });
    keys.push(definitionId([p.source, ...reads].join("\u0000")));
  });
  return keys;
}

/** The roots that are the same for every constraint of one review. */
const REVIEW_ROOTS: ReadonlySet<string> = new Set(["object", "oldObject", "request", "namespaceObject"]);

/**
 * The prototype of every template's activations: `variables` and a getter per `variables.<name>`
 * any template declares, each reading the activation's own template. One prototype for all
 * templates gives all activations one hidden class, so the code that fills and reads them stays
 * monomorphic.
 */
const ACTIVATION_PROTO: object = Object.create(null);
Object.defineProperty(ACTIVATION_PROTO, "variables", {
  get(this: Bound) {
    return lookup(this, (s) => s.all());
  },
});

/** Adds the getter of `variables.<name>` to {@link ACTIVATION_PROTO}, once per name. */
function declareVariableGetter(name: string): void {
  const key = `variables.${name}`;
  if (Object.hasOwn(ACTIVATION_PROTO, key)) return;
  Object.defineProperty(ACTIVATION_PROTO, key, {
    get(this: Bound) {
      const state = this[STATE];
      if (state === undefined) return celError("variables are not bound");
      // A template without the variable reads it as unbound, as if the getter were not there.
      const i = state.template.indexOf(name);
      return i < 0 ? undefined : state.get(i);
    },
  });
}

/** A template's variables: names, programs, and how its activations are made. */
export class TemplateVariables {
  /** Whether the variable at each index depends on `params` alone. */
  readonly ofParams: readonly boolean[];
  /**
   * For each variable that depends on the review alone (and reads something), the key its value
   * is kept under in a review's {@link ReviewVariables}: what it computes ({@link definitionKeys}),
   * so that every template declaring it alike (Gatekeeper's `anyObject`, the library's
   * `containers`, …) shares one evaluation per review.
   */
  readonly reviewKeys: readonly (number | undefined)[];
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
    const keys = definitionKeys(names, programs);
    this.reviewKeys = ofReview.map((review, i) =>
      review && this.ofParams[i] !== true ? keys[i] : undefined,
    );
    this.anyOfReview = this.reviewKeys.some((k) => k !== undefined);
    for (const name of names) declareVariableGetter(name);
  }

  /** The index of the variable `name`; -1 when there is none. */
  indexOf(name: string): number {
    return this.names.indexOf(name);
  }

  /**
   * Where the variables that read only the review keep their values: made once per review and
   * given to the activation of each of its constraints, of this template and of others (undefined
   * when this template has none).
   */
  reviewValues(): ReviewVariables | undefined {
    return this.anyOfReview ? newReviewVariables() : undefined;
  }

  /**
   * A fresh activation for one review of one constraint; `ofReview` (from {@link reviewValues})
   * shares the review's variables with its other constraints and templates.
   */
  activation(
    roots: ReviewRoots,
    params: CelValue,
    deadline: number,
    ofReview: ReviewVariables | undefined = this.reviewValues(),
  ): Activation {
    const a: Bound = Object.create(ACTIVATION_PROTO);
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
