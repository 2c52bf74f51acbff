/**
 * Rego values. JSON values are plain JS values, so `input` and `data` need no conversion:
 * null, booleans, numbers, strings, arrays and string-keyed objects. Two classes say what JSON
 * cannot: {@link RegoSet} and {@link RegoObject} (an object with at least one non-string key).
 * Integers beyond 2^53 are `bigint`; every other number is a JS number. Values are immutable once
 * built; builders below are the only writers. See docs/decisions/0001-value-representation.md.
 */
import { hashNumber, hashString, mixHash, tagHash } from "./hash.js";

export type Value = Scalar | ArrayValue | ObjectValue | RegoSet;

/** null, boolean, number (JS number or bigint for big integers) or string. */
export type Scalar = null | boolean | number | bigint | string;

/** A Rego array. */
export type ArrayValue = readonly Value[];

/** A string-keyed Rego object, as JSON gives it. Look keys up with {@link ownValue}. */
export interface PlainObject {
  readonly [key: string]: Value;
}

/** A Rego object: plain when every key is a string. */
export type ObjectValue = PlainObject | RegoObject;

/** A primitive usable as a JS Map key that stands for a value (composites map to canonical text). */
type Prim = null | boolean | number | bigint | string;

const SMALL = 8;

/** A composite key with its entry. */
interface Slot<E> {
  readonly key: Value;
  entry: E;
}

/**
 * Map keyed by Rego value: scalars by themselves; composites by linear search while there are few
 * (no hashing needed), then by {@link valueHash}, comparing the values that share a code.
 */
class ValueMap<E> {
  private scalars: Map<Prim, E> | undefined;
  private few: Slot<E>[] | undefined;
  private hashed: Map<number, Slot<E> | Slot<E>[]> | undefined;
  private hashedCount = 0;

  get size(): number {
    return (this.scalars?.size ?? 0) + (this.few?.length ?? 0) + this.hashedCount;
  }

  get(k: Value): E | undefined {
    if (isScalar(k)) return this.scalars?.get(k);
    return this.slotOf(k, this.hashed === undefined ? 0 : valueHash(k))?.entry;
  }

  set(k: Value, e: E): void {
    if (isScalar(k)) {
      if (this.scalars === undefined) this.scalars = new Map();
      this.scalars.set(k, e);
      return;
    }
    const h = this.hashed === undefined ? 0 : valueHash(k);
    const slot = this.slotOf(k, h);
    if (slot !== undefined) slot.entry = e;
    else this.addNew(k, h, e);
  }

  /** Stores `e` under `k` unless `k` is there already; true when it was stored (one search, not two). */
  add(k: Value, e: E): boolean {
    if (isScalar(k)) {
      if (this.scalars === undefined) this.scalars = new Map();
      else if (this.scalars.has(k)) return false;
      this.scalars.set(k, e);
      return true;
    }
    const h = this.hashed === undefined ? 0 : valueHash(k);
    if (this.slotOf(k, h) !== undefined) return false;
    this.addNew(k, h, e);
    return true;
  }

  entries(): E[] {
    const out: E[] = [];
    if (this.scalars) for (const e of this.scalars.values()) out.push(e);
    if (this.few) for (const f of this.few) out.push(f.entry);
    if (this.hashed)
      for (const b of this.hashed.values()) {
        if (Array.isArray(b)) for (const f of b) out.push(f.entry);
        else out.push(b.entry);
      }
    return out;
  }

  /** The slot of composite `k` (`h`: its code, once the map hashes). */
  private slotOf(k: Value, h: number): Slot<E> | undefined {
    const hashed = this.hashed;
    if (hashed !== undefined) {
      const b = hashed.get(h);
      if (b === undefined) return undefined;
      if (!Array.isArray(b)) return valuesEqual(b.key, k) ? b : undefined;
      for (const f of b) if (valuesEqual(f.key, k)) return f;
      return undefined;
    }
    const few = this.few;
    if (few !== undefined) for (const f of few) if (valuesEqual(f.key, k)) return f;
    return undefined;
  }

  /** Stores a composite key known to be absent: among the few, or by code once they are too many. */
  private addNew(k: Value, h: number, e: E): void {
    if (this.hashed !== undefined) {
      this.hash(this.hashed, { key: k, entry: e }, h);
      return;
    }
    if (this.few === undefined) this.few = [];
    if (this.few.length < SMALL) {
      this.few.push({ key: k, entry: e });
      return;
    }
    const hashed = new Map<number, Slot<E> | Slot<E>[]>();
    for (const f of this.few) this.hash(hashed, f, valueHash(f.key));
    this.hash(hashed, { key: k, entry: e }, valueHash(k));
    this.few = undefined;
    this.hashed = hashed;
  }

  private hash(hashed: Map<number, Slot<E> | Slot<E>[]>, slot: Slot<E>, h: number): void {
    const b = hashed.get(h);
    if (b === undefined) hashed.set(h, slot);
    else if (Array.isArray(b)) b.push(slot);
    else hashed.set(h, [b, slot]);
    this.hashedCount++;
  }
}

/**
 * A hash code of a value: equal for values {@link valuesEqual} finds equal. A composite is hashed
 * by its own members only (members that are composites by their length or type), object keys by
 * their length and long strings by their ends (see `hashString`): members of one set almost
 * always differ near the top, and hashing all of a big member (a container with all its fields)
 * costs more than comparing it.
 */
export function valueHash(v: Value): number {
  return hashAt(v, 1);
}

function hashAt(v: Value, depth: number): number {
  if (v === null) return 0x1f;
  switch (typeof v) {
    case "boolean":
      return v ? 0x2f : 0x3f;
    case "number":
    case "bigint":
      return hashNumber(v);
    case "string":
      return hashString(v);
  }
  if (Array.isArray(v)) {
    let h = v.length;
    if (depth > 0) for (let i = 0; i < v.length; i++) h = mixHash(h, hashAt(v[i] as Value, depth - 1));
    return tagHash(h, 1);
  }
  let h = 0;
  if (v instanceof RegoSet) {
    if (depth === 0) return tagHash(v.size, 2);
    for (const m of v.unordered()) h = (h + hashAt(m, depth - 1)) | 0;
    return tagHash(h, 2);
  }
  if (depth === 0) return tagHash(h, 3);
  if (v instanceof RegoObject) {
    for (const [k, x] of v.entries()) h = (h + mixHash(hashAt(k, depth - 1), hashAt(x, depth - 1))) | 0;
  } else {
    // A key counts by its length: hashing every key's text would cost more than it tells apart.
    const o = v as PlainObject;
    for (const k in o)
      if (Object.hasOwn(o, k)) h = (h + mixHash(k.length, hashAt(o[k] as Value, depth - 1))) | 0;
  }
  return tagHash(h, 3);
}

/** Sorts values in OPA's order; strings alone sort natively (see {@link sortStrings}). */
function sortValues(xs: Value[]): Value[] {
  if (xs.length < 2) return xs;
  if (xs.every(isString)) return sortStrings(xs);
  return xs.sort(compareValues);
}

/**
 * Sorts strings in place in OPA's order (by UTF-8 bytes) and returns them. The native sort orders
 * by UTF-16 units, which agrees unless a string holds a surrogate or a unit from U+E000 up.
 */
export function sortStrings(xs: string[]): string[] {
  const n = xs.length;
  if (n < 2) return xs;
  // The native sort's set-up costs more than an insertion sort of a few strings (2-3 times as
  // much for 2 to 6); both compare by UTF-16 units.
  if (n <= INSERTION_SORT_MAX) insertionSort(xs);
  else xs.sort();
  if (xs.some(hasHighUnit)) xs.sort(compareStrings);
  return xs;
}

/** Longest list {@link sortStrings} sorts by insertion. */
const INSERTION_SORT_MAX = 10;

function insertionSort(xs: string[]): void {
  for (let i = 1; i < xs.length; i++) {
    const v = xs[i] as string;
    let j = i - 1;
    for (; j >= 0 && (xs[j] as string) > v; j--) xs[j + 1] = xs[j] as string;
    xs[j + 1] = v;
  }
}

function isString(v: Value): v is string {
  return typeof v === "string";
}

/** A Rego set. Iterates in OPA's sorted order. */
export class RegoSet implements Iterable<Value> {
  private readonly members = new ValueMap<Value>();
  private sorted: Value[] | undefined;
  private keyCache: string | undefined;

  constructor(values?: Iterable<Value>) {
    if (values) for (const v of values) this.add(v);
  }

  /** Adds a member while the set is being built. Returns false when it was already there. */
  add(v: Value): boolean {
    if (!this.members.add(v, v)) return false;
    this.sorted = undefined;
    this.keyCache = undefined;
    return true;
  }

  has(v: Value): boolean {
    return this.members.get(v) !== undefined;
  }

  /** The stored member equal to `v` (useful when 1 and 1.0 or equal composites differ in identity). */
  find(v: Value): Value | undefined {
    return this.members.get(v);
  }

  get size(): number {
    return this.members.size;
  }

  /** Members in OPA's total order. The array is cached: do not modify it. */
  values(): readonly Value[] {
    if (this.sorted === undefined) this.sorted = sortValues(this.members.entries());
    return this.sorted;
  }

  /**
   * Members in no particular order, for work whose outcome does not depend on it (building
   * another set): sorting waits until someone needs the order. Do not modify the array.
   */
  unordered(): readonly Value[] {
    return this.sorted ?? this.members.entries();
  }

  [Symbol.iterator](): Iterator<Value> {
    return this.values()[Symbol.iterator]();
  }

  /** Canonical text of the set, memoized. */
  cachedKey(compute: () => string): string {
    if (this.keyCache === undefined) this.keyCache = compute();
    return this.keyCache;
  }
}

/** A Rego object with at least one key that is not a string. Iterates sorted by key. */
export class RegoObject {
  private readonly map = new ValueMap<[Value, Value]>();
  private sorted: [Value, Value][] | undefined;
  private keyCache: string | undefined;

  /** Sets `k` to `v` while the object is being built. */
  set(k: Value, v: Value): void {
    this.map.set(k, [k, v]);
    this.sorted = undefined;
    this.keyCache = undefined;
  }

  get(k: Value): Value | undefined {
    return this.map.get(k)?.[1];
  }

  get size(): number {
    return this.map.size;
  }

  /** Entries sorted by key in OPA's total order. The array is cached: do not modify it. */
  entries(): readonly (readonly [Value, Value])[] {
    if (this.sorted === undefined) this.sorted = this.map.entries().sort((a, b) => compareValues(a[0], b[0]));
    return this.sorted;
  }

  /** Canonical text of the object, memoized. */
  cachedKey(compute: () => string): string {
    if (this.keyCache === undefined) this.keyCache = compute();
    return this.keyCache;
  }
}

/** True for null, booleans, numbers and strings. */
export function isScalar(v: Value): v is Scalar {
  return v === null || typeof v !== "object";
}

/** True for JS numbers and bigints. */
export function isNumber(v: Value | undefined): v is number | bigint {
  return typeof v === "number" || typeof v === "bigint";
}

/** True for Rego arrays. */
export function isArray(v: Value | undefined): v is ArrayValue {
  return Array.isArray(v);
}

/** True for Rego sets. */
export function isSet(v: Value | undefined): v is RegoSet {
  return v instanceof RegoSet;
}

/** True for Rego objects of either representation. */
export function isObject(v: Value | undefined): v is ObjectValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof RegoSet);
}

/** True for string-keyed (plain) objects. */
export function isPlainObject(v: Value | undefined): v is PlainObject {
  return isObject(v) && !(v instanceof RegoObject);
}

/** OPA's type names: null, boolean, number, string, array, object, set. */
export type TypeName = "null" | "boolean" | "number" | "string" | "array" | "object" | "set";

/** The Rego type name of a value. */
export function typeName(v: Value): TypeName {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "boolean";
    case "number":
    case "bigint":
      return "number";
    case "string":
      return "string";
    default:
      if (Array.isArray(v)) return "array";
      if (v instanceof RegoSet) return "set";
      return "object";
  }
}

const TYPE_RANK: Record<TypeName, number> = {
  null: 0,
  boolean: 1,
  number: 2,
  string: 3,
  array: 4,
  object: 5,
  set: 6,
};

/** The own value of `key` in a plain object (never an inherited property). */
export function ownValue(o: PlainObject, key: string): Value | undefined {
  const v: unknown = o[key];
  // Inherited properties of Object.prototype are functions, except __proto__ itself.
  if (v === undefined || typeof v === "function") return undefined;
  if (key === "__proto__" && !Object.hasOwn(o, key)) return undefined;
  return v as Value;
}

/** Looks a key up in an object of either representation. */
export function objectGet(o: ObjectValue, key: Value): Value | undefined {
  if (o instanceof RegoObject) return o.get(key);
  return typeof key === "string" ? ownValue(o as PlainObject, key) : undefined;
}

/** Number of keys of an object. */
export function objectSize(o: ObjectValue): number {
  return o instanceof RegoObject ? o.size : Object.keys(o).length;
}

const sortedKeysCache = new WeakMap<PlainObject, readonly string[]>();

const HIGH_UNIT = /[\uD800-\uFFFF]/;

function hasHighUnit(key: string): boolean {
  return HIGH_UNIT.test(key);
}

/** Keys of a plain object in OPA's order (by UTF-8 bytes), cached per object. */
export function sortedKeys(o: PlainObject): readonly string[] {
  let keys = sortedKeysCache.get(o);
  if (keys === undefined) {
    const own = Object.keys(o);
    // One key needs no order: remembering it would cost more than listing it again.
    if (own.length < 2) return own;
    keys = sortStrings(own);
    sortedKeysCache.set(o, keys);
  }
  return keys;
}

/** Entries of an object sorted by key. */
export function objectEntries(o: ObjectValue): readonly (readonly [Value, Value])[] {
  if (o instanceof RegoObject) return o.entries();
  const out: [Value, Value][] = [];
  for (const k of sortedKeys(o)) out.push([k, o[k] as Value]);
  return out;
}

/** Keys of an object sorted. */
export function objectKeys(o: ObjectValue): readonly Value[] {
  if (o instanceof RegoObject) return o.entries().map((e) => e[0]);
  return sortedKeys(o);
}

/** Builds an object, choosing the plain representation while every key is a string. */
export class ObjectBuilder {
  private plain: Record<string, Value> | undefined = {};
  private rego: RegoObject | undefined;

  /** Sets a key; a later set of an equal key replaces the value. */
  set(k: Value, v: Value): void {
    if (this.plain !== undefined) {
      if (typeof k === "string") {
        if (k === "__proto__")
          Object.defineProperty(this.plain, k, {
            value: v,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else this.plain[k] = v;
        return;
      }
      this.rego = new RegoObject();
      for (const key of Object.keys(this.plain)) this.rego.set(key, this.plain[key] as Value);
      this.plain = undefined;
    }
    this.rego?.set(k, v);
  }

  /** The value of `k` set so far. */
  get(k: Value): Value | undefined {
    if (this.plain !== undefined) return typeof k === "string" ? ownValue(this.plain, k) : undefined;
    return this.rego?.get(k);
  }

  build(): ObjectValue {
    return this.plain ?? this.rego ?? {};
  }
}

/** Builds an object from entries. */
export function makeObject(entries: Iterable<readonly [Value, Value]>): ObjectValue {
  const b = new ObjectBuilder();
  for (const [k, v] of entries) b.set(k, v);
  return b.build();
}

/** Compares two strings by their UTF-8 bytes, as Go does. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x < 0xd800 && y < 0xd800) return x - y;
      return utf8Order(x) - utf8Order(y);
    }
  }
  return a.length - b.length;
}

function utf8Order(c: number): number {
  if (c >= 0xe000) return c - 0x800;
  if (c >= 0xd800) return c + 0x2000;
  return c;
}

/** OPA's total order: null < boolean < number < string < array < object < set. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  const ta = typeName(a);
  const tb = typeName(b);
  if (ta !== tb) return TYPE_RANK[ta] - TYPE_RANK[tb];
  switch (ta) {
    case "null":
      return 0;
    case "boolean":
      return a === b ? 0 : a === false ? -1 : 1;
    case "number":
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case "string":
      return compareStrings(a as string, b as string);
    case "array":
      return compareSequences(a as ArrayValue, b as ArrayValue);
    case "set":
      return compareSequences((a as RegoSet).values(), (b as RegoSet).values());
    case "object": {
      if (!(a instanceof RegoObject) && !(b instanceof RegoObject))
        return comparePlainObjects(a as PlainObject, b as PlainObject);
      const ea = objectEntries(a as ObjectValue);
      const eb = objectEntries(b as ObjectValue);
      const n = Math.min(ea.length, eb.length);
      for (let i = 0; i < n; i++) {
        const [ka, va] = ea[i] as readonly [Value, Value];
        const [kb, vb] = eb[i] as readonly [Value, Value];
        const c = compareValues(ka, kb) || compareValues(va, vb);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
  }
}

/** Objects compare entry by entry in key order: key first, then value. */
function comparePlainObjects(a: PlainObject, b: PlainObject): number {
  const same = compareSameKeys(a, b);
  if (same !== undefined) return same;
  const ka = sortedKeys(a);
  const kb = sortedKeys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const x = ka[i] as string;
    const y = kb[i] as string;
    const c = compareStrings(x, y) || compareValues(a[x] as Value, b[y] as Value);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

/**
 * Objects with the same keys (the usual case in sets of containers or results) compare at the
 * smallest key whose values differ, found without sorting; undefined when the keys differ.
 */
function compareSameKeys(a: PlainObject, b: PlainObject): number | undefined {
  let count = 0;
  let first: string | undefined;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    count++;
    if (!Object.hasOwn(b, k)) return undefined;
    if ((first === undefined || compareStrings(k, first) < 0) && !valuesEqual(a[k] as Value, b[k] as Value))
      first = k;
  }
  for (const k in b) if (Object.hasOwn(b, k)) count--;
  if (count !== 0) return undefined;
  return first === undefined ? 0 : compareValues(a[first] as Value, b[first] as Value);
}

function compareSequences(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i] as Value, b[i] as Value);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Structural equality (1 equals 1.0; sets and objects regardless of order). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    if (typeof a === "bigint" && typeof b === "number") return Number.isInteger(b) && BigInt(b) === a;
    if (typeof b === "bigint" && typeof a === "number") return Number.isInteger(a) && BigInt(a) === b;
    return false;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i] as Value, b[i] as Value)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof RegoSet || b instanceof RegoSet) {
    if (!(a instanceof RegoSet && b instanceof RegoSet) || a.size !== b.size) return false;
    for (const m of a.unordered()) if (!b.has(m)) return false;
    return true;
  }
  if (a instanceof RegoObject || b instanceof RegoObject) {
    if (!(a instanceof RegoObject && b instanceof RegoObject) || a.size !== b.size) return false;
    for (const [k, v] of a.entries()) {
      const w = b.get(k);
      if (w === undefined || !valuesEqual(v, w)) return false;
    }
    return true;
  }
  const pa = a as PlainObject;
  const pb = b as PlainObject;
  let n = 0;
  for (const k in pa) {
    if (!Object.hasOwn(pa, k)) continue;
    n++;
    if (!Object.hasOwn(pb, k) || !valuesEqual(pa[k] as Value, pb[k] as Value)) return false;
  }
  let m = 0;
  for (const k in pb) if (Object.hasOwn(pb, k)) m++;
  return n === m;
}

/** Canonical text of a composite value: equal values give equal text. */
export function canonicalKey(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
    case "number":
      return String(v);
    case "bigint":
      return v.toString();
    case "string":
      return JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    let s = "[";
    for (let i = 0; i < v.length; i++) s += (i ? "," : "") + canonicalKey(v[i] as Value);
    return `${s}]`;
  }
  if (v instanceof RegoSet) {
    const set = v;
    return set.cachedKey(() => `s{${set.values().map(canonicalKey).join(",")}}`);
  }
  if (v instanceof RegoObject) {
    const obj = v;
    return obj.cachedKey(
      () =>
        `{${obj
          .entries()
          .map(([k, x]) => `${canonicalKey(k)}:${canonicalKey(x)}`)
          .join(",")}}`,
    );
  }
  const o = v as PlainObject;
  let s = "{";
  let first = true;
  for (const k of sortedKeys(o)) {
    s += `${first ? "" : ","}${JSON.stringify(k)}:${canonicalKey(o[k] as Value)}`;
    first = false;
  }
  return `${s}}`;
}
