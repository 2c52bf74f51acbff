/**
 * CEL equality (cel-spec "Equality"): numbers compare across int, uint and double, NaN equals
 * nothing, lists and maps compare element-wise, values of different types are unequal.
 */
import {
  type CelList,
  type CelMap,
  type CelValue,
  celEnv,
  isCelList,
  isCelMap,
  isCelType,
  isCelUint,
} from "@bufbuild/cel";
import { equals as messagesEqual } from "@bufbuild/protobuf";
import { isReflectMessage } from "@bufbuild/protobuf/reflect";

/** The registry for messages packed in Any (the well-known types, as in every environment). */
const registry = celEnv().registry;

/** Whether an int and a double are the same number (exactly, as JavaScript's `==` decides). */
export function intEqualsDouble(i: bigint, d: number): boolean {
  return Number.isInteger(d) && BigInt(d) === i;
}

function numbersEqual(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === "bigint") return typeof b === "bigint" ? a === b : intEqualsDouble(a, b);
  return typeof b === "number" ? a === b : intEqualsDouble(b, a);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function listsEqual(a: CelList, b: CelList): boolean {
  const n = a.size;
  if (n !== b.size) return false;
  for (let i = 0; i < n; i++) {
    const x = a.get(i);
    const y = b.get(i);
    if (x === undefined || y === undefined || !celEquals(x, y)) return false;
  }
  return true;
}

function mapsEqual(a: CelMap, b: CelMap): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || !celEquals(v, w)) return false;
  }
  return true;
}

/** CEL's `==`. */
export function celEquals(a: CelValue, b: CelValue): boolean {
  if (a === b) return true;
  if (typeof a === "string" || typeof a === "boolean") return false;
  if (isCelUint(a)) a = a.value;
  if (isCelUint(b)) b = b.value;
  if (typeof a === "bigint" || typeof a === "number")
    return (typeof b === "bigint" || typeof b === "number") && numbersEqual(a, b);
  if (a === null || typeof b !== "object" || b === null) return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (isCelList(a)) return isCelList(b) && listsEqual(a, b);
  if (isCelMap(a)) return isCelMap(b) && mapsEqual(a, b);
  if (isCelType(a)) return isCelType(b) && a.kind === b.kind && a.name === b.name;
  if (isReflectMessage(a))
    return (
      isReflectMessage(b) &&
      a.desc.typeName === b.desc.typeName &&
      messagesEqual(a.desc, a.message, b.message, {
        registry,
        unpackAny: true,
        unknown: true,
        extensions: true,
      })
    );
  return false;
}
