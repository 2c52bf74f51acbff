/**
 * Functions the macro rewrites call. Their names start with `@`, which CEL source cannot spell, so
 * templates cannot call them.
 */
import {
  type CelFunc,
  type CelMap,
  CelScalar,
  type CelUint,
  type CelValue,
  celFunc,
  celList,
  celMap,
  isCelUint,
  listType,
  mapType,
} from "@bufbuild/cel";
import { deadlinePassed } from "./deadline-clock.js";
import { CelEvalError } from "./errors.js";

/** Names of the internal functions and of the deadline binding. */
export const INTERNAL = {
  pairs: "@pairs",
  inTime: "@in_time",
  mapInsert: "@map_insert",
  mapMerge: "@map_merge",
  /** The binding holding the evaluation deadline (ms since the epoch, a double). */
  deadline: "@deadline",
} as const;

/** The error of an evaluation past its deadline. */
export const DEADLINE_EXCEEDED = "operation interrupted: evaluation deadline exceeded";

const { BOOL, DOUBLE, DYN } = CelScalar;
const LIST = listType(DYN);
const MAP = mapType(DYN, DYN);
type Key = string | bigint | boolean | CelUint;

function copy(m: CelMap): Map<Key, CelValue> {
  const out = new Map<Key, CelValue>();
  for (const [k, v] of m) out.set(k, v);
  return out;
}

function key(k: CelValue): Key {
  if (typeof k === "string" || typeof k === "bigint" || typeof k === "boolean" || isCelUint(k)) return k;
  throw new CelEvalError("unsupported key type");
}

/** The internal functions. */
export function internalFunctions(): CelFunc[] {
  return [
    celFunc(INTERNAL.pairs, [LIST], LIST, (l) => {
      const out: CelValue[] = [];
      let i = 0n;
      for (const x of l) out.push(celList([i++, x]));
      return out;
    }),
    celFunc(INTERNAL.pairs, [MAP], LIST, (m) => {
      const out: CelValue[] = [];
      for (const [k, v] of m) out.push(celList([k, v]));
      return out;
    }),
    celFunc(INTERNAL.inTime, [BOOL, DOUBLE], BOOL, (cond, deadline) => {
      if (deadlinePassed(deadline)) throw new CelEvalError(DEADLINE_EXCEEDED);
      return cond;
    }),
    celFunc(INTERNAL.mapInsert, [MAP, DYN, DYN], MAP, (m, k, v) => {
      const out = copy(m);
      out.set(key(k), v);
      return celMap(out);
    }),
    celFunc(INTERNAL.mapMerge, [MAP, MAP], MAP, (m, entries) => {
      const out = copy(m);
      for (const [k, v] of entries) {
        if (out.has(k)) throw new CelEvalError(`insert failed: key ${String(k)} already exists`);
        out.set(k, v);
      }
      return celMap(out);
    }),
  ];
}
