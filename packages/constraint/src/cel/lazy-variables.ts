/**
 * Template variables evaluated on first use and cached for one constraint review. The activation's
 * prototype has a getter per `variables.<name>` (the library looks qualified names up on the
 * activation before selecting fields), so a variable runs only when an expression reads it.
 */
import { type CelError, type CelMap, type CelValue, celError, celMap, isCelError } from "@bufbuild/cel";
import type { ReviewRoots } from "./bindings.js";
import { celErrorText } from "./error-text.js";
import { INTERNAL } from "./internal-functions.js";
import type { Activation, Program } from "./program.js";

const PENDING = Symbol("pending");
type Slot = CelValue | CelError | typeof PENDING | undefined;

/** The variables' state for one activation. */
class VariableValues {
  private readonly values: Slot[];

  constructor(
    private readonly t: TemplateVariables,
    private readonly activation: Activation,
  ) {
    this.values = new Array<Slot>(t.programs.length);
  }

  get(index: number): CelValue | CelError {
    const cached = this.values[index];
    const name = this.t.names[index] ?? "";
    if (cached === PENDING) return celError(`composited variable "${name}" refers to itself`);
    if (cached !== undefined) return cached;
    const program = this.t.programs[index];
    if (program === undefined) return celError(`no variable ${name}`);
    this.values[index] = PENDING;
    const r = program.run(this.activation);
    const v = isCelError(r)
      ? celError(`composited variable "${name}" fails to evaluate: ${celErrorText(r)}`)
      : r;
    this.values[index] = v;
    return v;
  }

  all(): CelMap | CelError {
    const out = new Map<string, CelValue>();
    for (let i = 0; i < this.t.names.length; i++) {
      const v = this.get(i);
      if (isCelError(v)) return v;
      out.set(this.t.names[i] ?? "", v);
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

/** A template's variables: names, programs and the activation prototype with their getters. */
export class TemplateVariables {
  private readonly proto: object;

  constructor(
    readonly names: readonly string[],
    readonly programs: readonly Program[],
  ) {
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

  /** A fresh activation for one review of one constraint. */
  activation(roots: ReviewRoots, params: CelValue, deadline: number): Activation {
    const a: Bound = Object.create(this.proto);
    a.object = roots.object;
    a.oldObject = roots.oldObject;
    a.request = roots.request;
    a.namespaceObject = roots.namespaceObject;
    a.params = params;
    a[INTERNAL.deadline] = deadline;
    a[STATE] = new VariableValues(this, a);
    return a;
  }
}
