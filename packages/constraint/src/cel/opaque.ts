/**
 * Library object types (quantity, URL, IP, CIDR, semver) as @bufbuild/cel values. The library
 * represents non-primitive types as protobuf messages, so each kind is a one-field message type
 * (`value`: a canonical text, which makes CEL equality value equality) whose parsed form is cached.
 */
import { type CelObjectType, type CelValue, objectType } from "@bufbuild/cel";
import { create, createFileRegistry, type DescField, type DescMessage } from "@bufbuild/protobuf";
import { isReflectMessage, type ReflectMessage, reflect } from "@bufbuild/protobuf/reflect";
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";
import { CelEvalError } from "./errors.js";

/** A library object kind: its CEL type and conversions to and from CEL values. */
export interface OpaqueKind<T> {
  readonly type: CelObjectType;
  /** The CEL value of `t`. */
  wrap(t: T): ReflectMessage;
  /** The parsed value of a CEL value of this kind. */
  unwrap(v: CelValue): T;
  /** Whether `v` is of this kind. */
  is(v: unknown): v is ReflectMessage;
}

/** Message descriptors of a package, e.g. `net` → IP, CIDR. */
function messageTypes(pkg: string, names: readonly string[]): Map<string, DescMessage> {
  const file = create(FileDescriptorProtoSchema, {
    name: `portcullis/cel/${pkg}.proto`,
    package: pkg,
    syntax: "proto3",
    messageType: names.map((name) => ({
      name,
      field: [
        {
          name: "value",
          jsonName: "value",
          number: 1,
          type: FieldDescriptorProto_Type.STRING,
          label: FieldDescriptorProto_Label.OPTIONAL,
        },
      ],
    })),
  });
  const registry = createFileRegistry(file, () => undefined);
  const out = new Map<string, DescMessage>();
  for (const name of names) {
    const desc = registry.getMessage(`${pkg}.${name}`);
    if (desc !== undefined) out.set(name, desc);
  }
  return out;
}

const DESCRIPTORS = new Map<string, DescMessage>();
for (const [pkg, names] of [
  ["kubernetes", ["Quantity", "URL", "Semver"]],
  ["net", ["IP", "CIDR"]],
] as const) {
  for (const [name, desc] of messageTypes(pkg, names)) DESCRIPTORS.set(`${pkg}.${name}`, desc);
}

/**
 * Defines a kind named `typeName` (one of the descriptors above). `repr` gives the canonical text
 * (equal values, equal texts); `parse` reads it back.
 */
export function opaqueKind<T>(
  typeName: string,
  repr: (t: T) => string,
  parse: (s: string) => T,
): OpaqueKind<T> {
  const desc = DESCRIPTORS.get(typeName);
  const field: DescField | undefined = desc?.fields[0];
  if (desc === undefined || field === undefined) throw new Error(`no descriptor for ${typeName}`);
  const parsed = new WeakMap<ReflectMessage, T>();
  const is = (v: unknown): v is ReflectMessage => isReflectMessage(v) && v.desc.typeName === typeName;
  return {
    type: objectType(desc),
    is,
    wrap(t: T): ReflectMessage {
      const m = reflect(desc, create(desc));
      m.set(field, repr(t));
      parsed.set(m, t);
      return m;
    },
    unwrap(v: CelValue): T {
      if (!is(v)) throw new CelEvalError(`no such overload: expected ${typeName}`);
      const hit = parsed.get(v);
      if (hit !== undefined) return hit;
      const text = v.get(field);
      const t = parse(typeof text === "string" ? text : "");
      parsed.set(v, t);
      return t;
    },
  };
}
