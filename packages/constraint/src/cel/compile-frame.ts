/**
 * The runtime side of compiled expressions: the frame one evaluation works on, and how bindings
 * from the activation become CEL values.
 */
import { type CelInput, type CelResult, isCelList, isCelMap, isCelType, isCelUint } from "@bufbuild/cel";
import { delegateInput } from "./bufbuild-delegate.js";
import { unresolvedAttribute } from "./compile-errors.js";
import { isCelErrorValue } from "./errors.js";
import type { VariableValues } from "./lazy-variables.js";
import type { Activation } from "./program.js";

/** A compiled node: evaluates to a value or to an error value (CEL errors are never thrown). */
export type Eval = (f: Frame) => CelResult;

const NO_SLOTS: CelResult[] = [];

/**
 * One evaluation: the activation, the template variables' state and comprehension-variable slots.
 * (A fresh frame per evaluation is cheaper than reusing one: young objects cost next to nothing.)
 */
export class Frame {
  /**
   * Comprehension variables and accumulators, by slot number assigned at compile time. Unset slots
   * are holes; readers take a hole as null.
   */
  readonly slots: CelResult[];

  constructor(
    readonly activation: Activation,
    /** The lazily evaluated template variables, when the activation comes from a template. */
    readonly variables: VariableValues | undefined,
    slotCount: number,
  ) {
    this.slots = slotCount === 0 ? NO_SLOTS : new Array<CelResult>(slotCount);
  }
}

/**
 * A binding as a CEL value. Bindings are CEL values already in practice (the drivers convert JSON
 * once); anything else (JS arrays, Maps, objects, protobuf messages) converts as @bufbuild/cel does.
 */
export function inputValue(v: CelInput): CelResult {
  if (typeof v !== "object" || v === null) return v;
  if (
    isCelMap(v) ||
    isCelList(v) ||
    isCelErrorValue(v) ||
    isCelUint(v) ||
    isCelType(v) ||
    v instanceof Uint8Array
  )
    return v;
  return delegateInput(v);
}

/** The activation's binding of `name`, or an error when it is unbound. */
export function readBinding(a: Activation, name: string): CelResult {
  const v = a[name];
  return v === undefined ? unresolvedAttribute() : inputValue(v);
}
