import { compareStrings, type JsonValue } from "@portcullis/rego";

/** An object whose fields are written in the given order, as Go writes a struct. */
export class GoStruct {
  constructor(readonly fields: readonly (readonly [string, GoJson | undefined])[]) {}
}

/** What {@link goJson} writes: JSON values (maps, written with sorted keys), structs and arrays of either. */
export type GoJson = JsonValue | GoStruct | readonly GoJson[];

/**
 * JSON text as Go's `encoding/json` writes it (what OPA prints): map keys sorted, struct fields in
 * order (fields set to undefined omitted), `<`, `>`, `&`, U+2028 and U+2029 escaped, float
 * exponents with at least two digits, big integers exact. `indent` ("  " for OPA's indented JSON)
 * or compact when omitted.
 */
export function goJson(value: GoJson, indent?: string): string {
  const out: string[] = [];
  write(value, indent, "", out);
  return out.join("");
}

function write(v: GoJson, indent: string | undefined, prefix: string, out: string[]): void {
  if (v === null) {
    out.push("null");
    return;
  }
  switch (typeof v) {
    case "boolean":
      out.push(v ? "true" : "false");
      return;
    case "bigint":
      out.push(v.toString());
      return;
    case "number":
      out.push(goNumber(v));
      return;
    case "string":
      out.push(goString(v));
      return;
  }
  if (isArray(v)) {
    writeList(v, "[", "]", indent, prefix, out, (x, inner) => write(x, indent, inner, out));
    return;
  }
  const entries: (readonly [string, GoJson])[] =
    v instanceof GoStruct
      ? v.fields.filter((f): f is readonly [string, GoJson] => f[1] !== undefined)
      : Object.keys(v)
          .sort(compareStrings)
          .map((k) => [k, v[k] as JsonValue] as const);
  writeList(entries, "{", "}", indent, prefix, out, ([k, x], inner) => {
    out.push(goString(k), indent !== undefined ? ": " : ":");
    write(x, indent, inner, out);
  });
}

function writeList<T>(
  items: readonly T[],
  open: string,
  close: string,
  indent: string | undefined,
  prefix: string,
  out: string[],
  each: (item: T, inner: string) => void,
): void {
  if (items.length === 0) {
    out.push(open + close);
    return;
  }
  const inner = indent !== undefined ? prefix + indent : "";
  const nl = indent !== undefined ? `\n${inner}` : "";
  out.push(open);
  items.forEach((x, i) => {
    out.push(i > 0 ? `,${nl}` : nl);
    each(x, inner);
  });
  out.push(indent !== undefined ? `\n${prefix}${close}` : close);
}

function isArray(v: GoJson): v is readonly GoJson[] {
  return Array.isArray(v);
}

function goString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function goNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  return String(n).replace(/e([+-])(\d)$/, "e$10$2");
}
