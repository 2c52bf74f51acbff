import {
  type ArgumentNode,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DirectiveNode,
  Kind,
  type ListTypeNode,
  type NamedTypeNode,
  type NameNode,
  type TypeNode,
  type ValueNode,
} from "graphql";
import { type GArgument, type GDirective, type GType, type GValue, ValueKind } from "./ast-types.js";

/** A graphql-js name node. */
export function nameNode(value: string): NameNode {
  return { kind: Kind.NAME, value };
}

/** A graphql-js named type node. */
export function namedTypeNode(name: string): NamedTypeNode {
  return { kind: Kind.NAMED_TYPE, name: nameNode(name) };
}

/** Converts a type reference back to graphql-js. */
export function typeNode(t: GType | null): TypeNode {
  if (t === null) return namedTypeNode("");
  const inner: NamedTypeNode | ListTypeNode =
    t.Elem !== null ? { kind: Kind.LIST_TYPE, type: typeNode(t.Elem) } : namedTypeNode(t.NamedType);
  return t.NonNull ? { kind: Kind.NON_NULL_TYPE, type: inner } : inner;
}

/** Converts a value back to graphql-js (a missing value reads as null). */
export function valueNode(v: GValue | null): ValueNode {
  if (v === null) return { kind: Kind.NULL };
  switch (v.Kind) {
    case ValueKind.Variable:
      return { kind: Kind.VARIABLE, name: nameNode(v.Raw) };
    case ValueKind.Int:
      return { kind: Kind.INT, value: v.Raw };
    case ValueKind.Float:
      return { kind: Kind.FLOAT, value: v.Raw };
    case ValueKind.String:
      return { kind: Kind.STRING, value: v.Raw };
    case ValueKind.Block:
      return { kind: Kind.STRING, value: v.Raw, block: true };
    case ValueKind.Boolean:
      return { kind: Kind.BOOLEAN, value: v.Raw === "true" };
    case ValueKind.Null:
      return { kind: Kind.NULL };
    case ValueKind.List:
      return { kind: Kind.LIST, values: v.Children.map((c) => valueNode(c.Value)) };
    case ValueKind.Object:
      return {
        kind: Kind.OBJECT,
        fields: v.Children.map((c) => ({
          kind: Kind.OBJECT_FIELD,
          name: nameNode(c.Name),
          value: valueNode(c.Value),
        })),
      };
    default:
      return { kind: Kind.ENUM, value: v.Raw };
  }
}

/** Converts a constant value (schema default values); variables read as null there. */
export function constValueNode(v: GValue | null): ConstValueNode {
  const n = valueNode(v);
  switch (n.kind) {
    case Kind.VARIABLE:
      return { kind: Kind.NULL };
    case Kind.LIST:
      return { kind: Kind.LIST, values: v?.Children.map((c) => constValueNode(c.Value)) ?? [] };
    case Kind.OBJECT:
      return {
        kind: Kind.OBJECT,
        fields:
          v?.Children.map((c) => ({
            kind: Kind.OBJECT_FIELD,
            name: nameNode(c.Name),
            value: constValueNode(c.Value),
          })) ?? [],
      };
    default:
      return n;
  }
}

/** Converts arguments back to graphql-js. */
export function argumentNodes(args: readonly GArgument[]): ArgumentNode[] {
  return args.map((a) => ({ kind: Kind.ARGUMENT, name: nameNode(a.Name), value: valueNode(a.Value) }));
}

/** Converts applied directives back to graphql-js. */
export function directiveNodes(dirs: readonly GDirective[]): DirectiveNode[] {
  return dirs.map((d) => ({
    kind: Kind.DIRECTIVE,
    name: nameNode(d.Name),
    arguments: argumentNodes(d.Arguments),
  }));
}

/** Converts applied directives in constant positions (variable definitions, schema elements). */
export function constDirectiveNodes(dirs: readonly GDirective[]): ConstDirectiveNode[] {
  return dirs.map((d) => ({
    kind: Kind.DIRECTIVE,
    name: nameNode(d.Name),
    arguments: d.Arguments.map((a) => ({
      kind: Kind.ARGUMENT,
      name: nameNode(a.Name),
      value: constValueNode(a.Value),
    })),
  }));
}
