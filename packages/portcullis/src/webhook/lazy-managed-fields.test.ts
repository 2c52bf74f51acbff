import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWithLazyManagedFields } from "./lazy-managed-fields.js";

/** What a parse gives, as text (a lazy list is read by `JSON.stringify`), or its error. */
function outcome(parse: (text: string) => unknown, text: string): string {
  try {
    return `ok ${JSON.stringify(parse(text))}`;
  } catch (e: unknown) {
    return `error ${e instanceof Error ? e.message : String(e)}`;
  }
}

const managedFields = fc.array(
  fc.record({
    manager: fc.string(),
    operation: fc.constantFrom("Update", "Apply"),
    fieldsType: fc.constant("FieldsV1"),
    fieldsV1: fc.jsonValue(),
  }),
  { maxLength: 3 },
);

/** Metadata with a managedFields list among other keys (one of them `__proto__`, at times). */
const metadata = fc
  .tuple(
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("__proto__", "name", "labels")), fc.jsonValue(), {
      maxKeys: 4,
    }),
    managedFields,
    fc.nat(4),
  )
  .map(([others, fields, at]) => {
    const entries = Object.entries(others).filter(([k]) => k !== "managedFields");
    entries.splice(Math.min(at, entries.length), 0, ["managedFields", fields]);
    return Object.fromEntries(entries);
  });

const object = fc.record({ kind: fc.constant("Pod"), metadata, spec: fc.jsonValue() });

/** AdmissionReview texts: objects with and without managedFields, the old object first at times. */
const review = fc
  .tuple(
    fc.option(object, { nil: undefined }),
    fc.option(object, { nil: undefined }),
    fc.boolean(),
    fc.constantFrom(0, 2, "\t"),
  )
  .map(([obj, old, oldFirst, space]) => {
    const parts: [string, unknown][] = [["uid", "u-1"]];
    const objects: [string, unknown][] = [];
    if (obj !== undefined) objects.push(["object", obj]);
    if (old !== undefined) objects.push(["oldObject", old]);
    if (oldFirst) objects.reverse();
    const request = Object.fromEntries([...parts, ...objects]);
    return JSON.stringify(
      { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request },
      null,
      space,
    );
  });

/** Those texts with a few characters changed, most of them inside a managedFields list. */
const damaged = fc
  .tuple(
    review,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'{}[]",:\\ -.e0tn\u0001x')), {
      minLength: 1,
      maxLength: 2,
    }),
  )
  .map(([text, edits]) => {
    let out = text;
    const from = Math.max(0, out.indexOf('"managedFields"'));
    for (const [at, c] of edits) {
      const i = from + (at % Math.max(1, out.length - from));
      out = at % 3 === 0 ? out.slice(0, i) + out.slice(i + 1) : out.slice(0, i) + c + out.slice(i + 1);
    }
    return out;
  });

describe("parseWithLazyManagedFields", () => {
  it("gives what JSON.parse gives, keys in order", () => {
    fc.assert(
      fc.property(review, (text) => {
        expect(outcome(parseWithLazyManagedFields, text)).toBe(outcome(JSON.parse, text));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses what JSON.parse refuses, with its message", () => {
    fc.assert(
      fc.property(damaged, (text) => {
        expect(outcome(parseWithLazyManagedFields, text)).toBe(outcome(JSON.parse, text));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the lists as text until read, and reads them once", () => {
    const text = JSON.stringify({
      request: {
        object: { metadata: { name: "a", managedFields: [{ manager: "m" }], labels: { x: "y" } } },
        oldObject: { metadata: { managedFields: [{ manager: "old" }] } },
      },
    });
    const doc = parseWithLazyManagedFields(text) as {
      request: Record<string, { metadata: Record<string, unknown> }>;
    };
    const metadata = doc.request.object?.metadata ?? {};
    expect(Object.getOwnPropertyDescriptor(metadata, "managedFields")?.get).toBeTypeOf("function");
    expect(Object.keys(metadata)).toEqual(["name", "managedFields", "labels"]);
    const first = metadata.managedFields;
    expect(first).toEqual([{ manager: "m" }]);
    expect(metadata.managedFields).toBe(first);
    expect(Object.getOwnPropertyDescriptor(metadata, "managedFields")?.value).toBe(first);
    expect(doc.request.oldObject?.metadata.managedFields).toEqual([{ manager: "old" }]);
  });

  it("gives every copy the same accessor functions (one hidden class for all of them)", () => {
    const read = (uid: string): PropertyDescriptor | undefined => {
      const text = JSON.stringify({ request: { uid, object: { metadata: { managedFields: [uid] } } } });
      const doc = parseWithLazyManagedFields(text) as { request: { object: { metadata: object } } };
      return Object.getOwnPropertyDescriptor(doc.request.object.metadata, "managedFields");
    };
    const [a, b] = [read("a"), read("b")];
    expect(a?.get).toBeTypeOf("function");
    expect(b?.get).toBe(a?.get);
    expect(b?.set).toBe(a?.set);
  });

  it("parses a list anywhere else as JSON.parse does", () => {
    const text = JSON.stringify({
      request: { object: { metadata: {}, spec: { managedFields: [1] } }, 'a"managedFields': [2] },
    });
    const doc = parseWithLazyManagedFields(text) as { request: { object: { spec: unknown } } };
    expect(Object.getOwnPropertyDescriptor(doc.request.object.spec, "managedFields")?.value).toEqual([1]);
    expect(JSON.stringify(doc)).toBe(text);
  });

  it("can be written to before it is read", () => {
    const text = JSON.stringify({ request: { object: { metadata: { managedFields: [1] } } } });
    const doc = parseWithLazyManagedFields(text) as {
      request: { object: { metadata: Record<string, unknown> } };
    };
    doc.request.object.metadata.managedFields = "changed";
    expect(doc.request.object.metadata.managedFields).toBe("changed");
  });
});
