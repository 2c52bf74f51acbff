/**
 * Parses an AdmissionReview body with the objects' `metadata.managedFields` left as text until
 * something reads them. They are most of a typical request's bytes (5 KB Pods: 87%) and of the
 * objects `JSON.parse` builds, no library template reads them, and a batch's parsed requests are
 * what each young-generation collection copies. The text is still checked as strictly as
 * `JSON.parse` checks it, so a body is refused exactly when `JSON.parse` refuses it, with its
 * message; and what a reader sees is what `JSON.parse` would have given.
 */
import { randomBytes } from "node:crypto";
import { isJsonObject } from "./json-fields.js";
import { jsonValueEnd, skipJsonSpace } from "./json-value-end.js";

const KEY = '"managedFields"';
const COLON = 0x3a;
const LEFT_BRACKET = 0x5b;

/** Stands in for the kept texts while the rest is parsed (`-0`, `-1` after it): no request can guess it. */
const PLACEHOLDER = `\u0000portcullis-managed-fields-${randomBytes(9).toString("base64url")}-`;
/** The lists kept at most: the object's and the old object's. */
const MOST_KEPT = 2;
/** Each list's placeholder as JSON text, by the list's order in the body. */
const PLACEHOLDER_JSON = Array.from({ length: MOST_KEPT }, (_, k) => JSON.stringify(PLACEHOLDER + k));

/**
 * The arrays that follow `"managedFields":` in `text`, as [start, end) ranges; null when one is
 * invalid or there are more than {@link MOST_KEPT}.
 */
function keptRanges(text: string): [number, number][] | null {
  const ranges: [number, number][] = [];
  for (let at = text.indexOf(KEY); at >= 0; at = text.indexOf(KEY, at + KEY.length)) {
    let i = skipJsonSpace(text, at + KEY.length);
    if (text.charCodeAt(i) !== COLON) continue;
    i = skipJsonSpace(text, i + 1);
    if (text.charCodeAt(i) !== LEFT_BRACKET) continue;
    const end = jsonValueEnd(text, i);
    if (end < 0 || ranges.length === MOST_KEPT) return null;
    ranges.push([i, end]);
    at = end - KEY.length;
  }
  return ranges;
}

/** Where a metadata copy keeps its managedFields text (not enumerable: no reader of keys sees it). */
const KEPT = Symbol("managedFields as text");

type Holder = Record<PropertyKey, unknown>;

/** Defines `key` as a plain (writable, enumerable) property, even `__proto__`. */
function defineData(holder: Holder, key: string, value: unknown): void {
  Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Makes `managedFields` a plain property of `holder` with `value`. */
function settle(holder: Holder, value: unknown): void {
  defineData(holder, "managedFields", value);
}

function readKept(this: Holder): unknown {
  const text = this[KEPT];
  const value: unknown = typeof text === "string" ? JSON.parse(text) : undefined;
  settle(this, value);
  return value;
}

function writeKept(this: Holder, value: unknown): void {
  settle(this, value);
}

/**
 * One accessor for every copy. V8 keys an object's hidden class by its accessors' functions: with
 * functions of their own, each copy would get a hidden class of its own, allocated in the old
 * generation and keeping the copy's young text alive until a full collection (under load, the
 * scavenges promoted 15 times as much).
 */
const LAZY: PropertyDescriptor = { get: readKept, set: writeKept, enumerable: true, configurable: true };

/** `metadata` copied, keys in order, with `managedFields` parsed from `text` when first read. */
function withLazyManagedFields(metadata: Holder, text: string): Holder {
  const copy: Holder = {};
  for (const key of Object.keys(metadata)) {
    if (key === "managedFields") Object.defineProperty(copy, key, LAZY);
    else if (key === "__proto__") defineData(copy, key, metadata[key]);
    else copy[key] = metadata[key];
  }
  Object.defineProperty(copy, KEPT, { value: text, writable: true, configurable: true });
  return copy;
}

/** Puts a kept text back where its placeholder stands in `holder[key].metadata`; whether one was. */
function restore(holder: unknown, key: string, text: string, ranges: readonly [number, number][]): boolean {
  if (!isJsonObject(holder)) return false;
  const object = holder[key];
  if (!isJsonObject(object)) return false;
  const metadata = object.metadata;
  if (!isJsonObject(metadata)) return false;
  const stand = metadata.managedFields;
  if (typeof stand !== "string" || !stand.startsWith(PLACEHOLDER)) return false;
  const range = ranges[Number(stand.slice(PLACEHOLDER.length))];
  if (range === undefined) return false;
  object.metadata = withLazyManagedFields(metadata, text.slice(range[0], range[1]));
  return true;
}

/**
 * `JSON.parse(text)` for an AdmissionReview, with `request.object.metadata.managedFields` and
 * `request.oldObject.metadata.managedFields` parsed when read. Anything else shaped like a
 * managedFields list, or a text `JSON.parse` would refuse, is parsed by `JSON.parse` as a whole
 * (which then throws its own error).
 */
export function parseWithLazyManagedFields(text: string): unknown {
  const ranges = keptRanges(text);
  if (ranges === null || ranges.length === 0) return JSON.parse(text);
  let joined = "";
  let from = 0;
  ranges.forEach(([start, end], k) => {
    joined += `${text.slice(from, start)}${PLACEHOLDER_JSON[k]}`;
    from = end;
  });
  joined += text.slice(from);
  let doc: unknown;
  try {
    doc = JSON.parse(joined);
  } catch {
    return JSON.parse(text);
  }
  const request = isJsonObject(doc) ? doc.request : undefined;
  // Each placeholder is in the text once: a list kept from anywhere else leaves one unrestored.
  const restored =
    Number(restore(request, "object", text, ranges)) + Number(restore(request, "oldObject", text, ranges));
  return restored === ranges.length ? doc : JSON.parse(text);
}
