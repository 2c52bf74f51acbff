/**
 * Field selection (`a.b`), presence tests (`has(a.b)`), indexing (`a[k]`) and reads of template
 * variables (`variables.<name>`), with @bufbuild/cel's results: a missing key is `field not found`,
 * a missing index `index out of bounds`; protobuf messages go to @bufbuild/cel itself.
 */
import { type CelResult, type CelValue, isCelList, isCelMap, isCelUint } from "@bufbuild/cel";
import { isReflectMessage } from "@bufbuild/protobuf/reflect";
import { delegateSelect } from "./bufbuild-delegate.js";
import {
  fieldNotFound,
  indexOutOfBounds,
  unresolvedAttribute,
  unsupportedIndex,
  unsupportedKeyType,
} from "./compile-errors.js";
import { type Eval, inputValue } from "./compile-frame.js";
import { isCelErrorValue } from "./errors.js";
import { jsonField, jsonHas, NOT_JSON } from "./json-values.js";
import type { TemplateVariables } from "./lazy-variables.js";
import { itemsOf } from "./list-values.js";
import type { Activation } from "./program.js";

/** `o.name` (and `o["name"]`). */
export function selectField(o: CelResult, name: string): CelResult {
  if (typeof o === "object" && o !== null) {
    const json = jsonField(o, name);
    if (json !== NOT_JSON) return json === undefined ? fieldNotFound(name) : json;
    if (isCelMap(o)) {
      const v = o.get(name);
      return v === undefined ? fieldNotFound(name) : v;
    }
    if (isCelErrorValue(o)) return o;
    if (isReflectMessage(o)) return delegateSelect(o, name, false);
  }
  return fieldNotFound(name);
}

/** `has(o.name)`: maps test for the key; other non-message values have no fields. */
export function hasField(o: CelResult, name: string): CelResult {
  if (typeof o === "object" && o !== null) {
    const has = jsonHas(o, name);
    if (has !== NOT_JSON) return has;
    if (isCelMap(o)) return o.has(name);
    if (isCelErrorValue(o)) return o;
    if (isReflectMessage(o)) return delegateSelect(o, name, true);
  }
  return false;
}

function intIndex(o: CelValue, k: bigint): CelResult {
  let v: CelValue | undefined;
  if (isCelList(o)) {
    const items = itemsOf(o);
    v = items === undefined ? o.get(Number(k)) : k >= 0n ? items[Number(k)] : undefined;
  } else if (isCelMap(o)) v = o.get(k);
  return v === undefined ? indexOutOfBounds(Number(k)) : v;
}

function doubleIndex(o: CelValue, k: number): CelResult {
  let v: CelValue | undefined;
  if (isCelList(o)) {
    if (!Number.isInteger(k) && !(k < 0 || k >= o.size)) return unsupportedIndex(k);
    v = o.get(k);
  } else if (isCelMap(o)) v = o.get(k);
  return v === undefined ? indexOutOfBounds(k) : v;
}

function boolIndex(o: CelValue, k: boolean): CelResult {
  let v: CelValue | undefined;
  if (isCelList(o)) v = o.get(Number(k));
  else if (isCelMap(o)) v = o.get(k);
  return v === undefined ? fieldNotFound(k) : v;
}

/** `o[k]` for an operand and key that are not errors. */
export function indexValue(o: CelValue, k: CelValue): CelResult {
  switch (typeof k) {
    case "string":
      return selectField(o, k);
    case "bigint":
      return intIndex(o, k);
    case "number":
      return doubleIndex(o, k);
    case "boolean":
      return boolIndex(o, k);
  }
  if (isCelUint(k)) return intIndex(o, k.value);
  return unsupportedKeyType();
}

/** `operand[key]`: the operand first; an error in it or in the key is the result. */
export function compileIndex(operand: Eval, key: Eval): Eval {
  return (f) => {
    const o = operand(f);
    if (isCelErrorValue(o)) return o;
    const k = key(f);
    return isCelErrorValue(k) ? k : indexValue(o, k);
  };
}

/**
 * The canonical copy of a field name. Names come out of the parser as slices of the expression's
 * text; a property key is the engine's canonical string, so map and property lookups by it
 * compare by identity instead of hashing and comparing text.
 */
function canonicalName(name: string): string {
  return Object.keys({ [name]: true })[0] ?? name;
}

/** `operand.name`. */
export function compileSelect(operand: Eval, name: string): Eval {
  const key = canonicalName(name);
  return (f) => selectField(operand(f), key);
}

/**
 * `has(operand.name)`. When the operand is a chain of selections from the root binding `root`,
 * an unbound root makes the test false rather than an error, as in @bufbuild/cel.
 */
export function compileHas(operand: Eval, name: string, root: string | undefined): Eval {
  const key = canonicalName(name);
  if (root === undefined) return (f) => hasField(operand(f), key);
  return (f) => (f.activation[root] === undefined ? false : hasField(operand(f), key));
}

/**
 * `variables.<name>` from the activation (`key` is `variables.<name>`), for expressions that do
 * not come from a template.
 */
export function readVariableBinding(a: Activation, name: string, key: string): CelResult {
  const v = a[key];
  if (v !== undefined) return inputValue(v);
  const all = a.variables;
  return all === undefined ? unresolvedAttribute() : selectField(inputValue(all), name);
}

/**
 * `variables.<name>`: straight from the template's lazily evaluated variables; from the activation
 * (`variables.<name>` or the `variables` map) when it does not come from a template.
 */
export function compileVariable(name: string): Eval {
  const key = `variables.${name}`;
  let owner: TemplateVariables | undefined;
  let index = -1;
  return (f) => {
    const s = f.variables;
    if (s === undefined) return readVariableBinding(f.activation, name, key);
    if (s.template !== owner) {
      owner = s.template;
      index = owner.indexOf(name);
    }
    return index < 0 ? readVariableBinding(f.activation, name, key) : s.get(index);
  };
}

/** `variables` on its own: all variables as a map. */
export const readAllVariables: Eval = (f) => {
  const s = f.variables;
  if (s !== undefined) return s.all();
  const all = f.activation.variables;
  return all === undefined ? unresolvedAttribute() : inputValue(all);
};
