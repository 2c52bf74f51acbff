/** Field selection and indexing on CEL values, including optional (`.?`, `[?]`) access. */
import { CelEvalError } from "./errors.js";
import { CelOptional, CelUint, type CelValue, mapGet, typeName } from "./values.js";

/** `operand.field`. Optional operands chain: `none.f` is none, `of(x).f` is `x.?f`. */
export function selectField(operand: CelValue, field: string): CelValue {
  if (operand instanceof Map) {
    const v = operand.get(field);
    if (v === undefined) throw new CelEvalError(`no such key: ${field}`);
    return v;
  }
  if (operand instanceof CelOptional) return selectOptional(operand, field);
  throw new CelEvalError(`type '${typeName(operand)}' does not support field selection`);
}

/** `operand.?field`. */
export function selectOptional(operand: CelValue, field: string): CelOptional {
  if (operand instanceof CelOptional) {
    if (operand.value === undefined) return operand;
    return selectOptional(operand.value, field);
  }
  if (operand instanceof Map) {
    const v = operand.get(field);
    return v === undefined ? CelOptional.NONE : new CelOptional(v);
  }
  throw new CelEvalError(`type '${typeName(operand)}' does not support field selection`);
}

/** `has(operand.field)`. */
export function hasField(operand: CelValue, field: string): boolean {
  if (operand instanceof Map) return operand.has(field);
  if (operand instanceof CelOptional) return operand.value !== undefined && hasField(operand.value, field);
  throw new CelEvalError(`invalid type for field selection: ${typeName(operand)}`);
}

function listIndex(list: readonly CelValue[], index: CelValue): number | undefined {
  let i: number;
  if (typeof index === "bigint") i = Number(index);
  else if (index instanceof CelUint) i = Number(index.value);
  else if (typeof index === "number" && Number.isInteger(index)) i = index;
  else throw new CelEvalError(`unsupported index type '${typeName(index)}' in list`);
  return i >= 0 && i < list.length ? i : undefined;
}

/** `operand[index]`. */
export function indexValue(operand: CelValue, index: CelValue): CelValue {
  if (Array.isArray(operand)) {
    const i = listIndex(operand, index);
    if (i === undefined)
      throw new CelEvalError(
        `index out of bounds: ${String(index instanceof CelUint ? index.value : index)}`,
      );
    return operand[i] as CelValue;
  }
  if (operand instanceof Map) {
    const v = mapGet(operand, index);
    if (v === undefined) throw new CelEvalError(`no such key: ${keyText(index)}`);
    return v;
  }
  if (operand instanceof CelOptional) return indexOptional(operand, index);
  throw new CelEvalError(`type '${typeName(operand)}' does not support indexing`);
}

/** `operand[?index]`. */
export function indexOptional(operand: CelValue, index: CelValue): CelOptional {
  if (operand instanceof CelOptional) {
    if (operand.value === undefined) return operand;
    return indexOptional(operand.value, index);
  }
  if (Array.isArray(operand)) {
    const i = listIndex(operand, index);
    return i === undefined ? CelOptional.NONE : new CelOptional(operand[i] as CelValue);
  }
  if (operand instanceof Map) {
    const v = mapGet(operand, index);
    return v === undefined ? CelOptional.NONE : new CelOptional(v);
  }
  throw new CelEvalError(`type '${typeName(operand)}' does not support indexing`);
}

function keyText(k: CelValue): string {
  if (k instanceof CelUint) return `${k.value}u`;
  return String(k);
}
