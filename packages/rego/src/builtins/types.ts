/**
 * Types of builtin arguments and results, as OPA declares them in `ast/builtins.go` with its
 * `types` package. The type checker and the capabilities list read these declarations.
 */
export type TypeSpec =
  | { readonly kind: "any" }
  | { readonly kind: "null" }
  | { readonly kind: "boolean" }
  | { readonly kind: "number" }
  | { readonly kind: "string" }
  | { readonly kind: "array"; readonly of: TypeSpec }
  | { readonly kind: "set"; readonly of: TypeSpec }
  | { readonly kind: "object"; readonly key: TypeSpec; readonly value: TypeSpec }
  | { readonly kind: "anyOf"; readonly options: readonly TypeSpec[] };

const ANY: TypeSpec = { kind: "any" };

/** Type constructors: `T.string`, `T.arrayOf(T.number)`, `T.anyOf(T.array, T.set)`, … */
export const T = {
  any: ANY,
  null: { kind: "null" } as TypeSpec,
  boolean: { kind: "boolean" } as TypeSpec,
  number: { kind: "number" } as TypeSpec,
  string: { kind: "string" } as TypeSpec,
  array: { kind: "array", of: ANY } as TypeSpec,
  set: { kind: "set", of: ANY } as TypeSpec,
  object: { kind: "object", key: ANY, value: ANY } as TypeSpec,
  arrayOf: (of: TypeSpec): TypeSpec => ({ kind: "array", of }),
  setOf: (of: TypeSpec): TypeSpec => ({ kind: "set", of }),
  objectOf: (key: TypeSpec, value: TypeSpec): TypeSpec => ({ kind: "object", key, value }),
  anyOf: (...options: TypeSpec[]): TypeSpec => ({ kind: "anyOf", options }),
} as const;

/** A named, typed argument or result. */
export interface Param {
  readonly name: string;
  readonly type: TypeSpec;
  readonly description?: string;
}

/** A builtin's declaration: name, typed arguments and result, and how it behaves. */
export interface BuiltinDecl {
  readonly name: string;
  readonly args: readonly Param[];
  /** Absent for void builtins such as `print`. */
  readonly result: Param | undefined;
  readonly description?: string;
  /** Accepts any number of arguments (only `print`). */
  readonly variadic?: boolean;
  /**
   * Result may differ between calls with the same arguments (`rand.intn`, `http.send`, …); cached
   * per query. Functions calling only deterministic builtins keep their results across queries.
   */
  readonly nondeterministic?: boolean;
  /** Yields zero or more results (OPA's relations: `walk`); the implementation returns an array of outputs. */
  readonly relation?: boolean;
  /** OPA deprecates it; Rego v1 rejects calls to it. */
  readonly deprecated?: boolean;
  /** Infix spelling where it has one (`plus` is `+`). */
  readonly infix?: string;
}

/** Shorthand for a declaration: `decl("concat", [p("delimiter", T.string), …], p("output", T.string))`. */
export function decl(
  name: string,
  args: readonly Param[],
  result: Param | undefined,
  extra: Omit<BuiltinDecl, "name" | "args" | "result"> = {},
): BuiltinDecl {
  return { name, args, result, ...extra };
}

/** Shorthand for a named parameter. */
export function p(name: string, type: TypeSpec, description?: string): Param {
  return description === undefined ? { name, type } : { name, type, description };
}

/** How OPA prints a type in messages (`string`, `array[any]`, `any<array[any], set[any]>`). */
export function formatType(t: TypeSpec): string {
  switch (t.kind) {
    case "any":
    case "null":
    case "boolean":
    case "number":
    case "string":
      return t.kind;
    case "array":
      return `array[${formatType(t.of)}]`;
    case "set":
      return `set[${formatType(t.of)}]`;
    case "object":
      return `object[${formatType(t.key)}: ${formatType(t.value)}]`;
    case "anyOf":
      return `any<${t.options.map(formatType).join(", ")}>`;
  }
}
