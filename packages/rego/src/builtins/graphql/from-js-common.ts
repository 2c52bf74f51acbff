import {
  type ArgumentNode,
  type ConstDirectiveNode,
  type DirectiveNode,
  Kind,
  type Location,
  type TypeNode,
  type ValueNode,
} from "graphql";
import {
  type GArgument,
  type GDirective,
  type GType,
  type GValue,
  type SourcePos,
  ValueKind,
} from "./ast-types.js";
import type { LineIndex } from "./source-location.js";

/** Where a node starts, as a UTF-16 offset (graphql-js locations have this shape). */
export interface Span {
  readonly start: number;
}

/** Finds the source position of a graphql-js location (undefined without one). */
export type Locate = (loc: Span | undefined) => SourcePos | undefined;

/** A locator over a text's line index. */
export function locator(lines: LineIndex): Locate {
  return (loc) => (loc === undefined ? undefined : lines.locate(loc.start));
}

/** The position of the token after the first one of a node (gqlparser places some nodes there). */
export function afterFirstToken(loc: Location | undefined): Span | undefined {
  const next = loc?.startToken.next;
  return next === undefined || next === null ? loc : { start: next.start };
}

/** A value with Go's zero values for everything the parser leaves unset. */
export function makeValue(kind: number, raw: string, children: GValue["Children"], pos?: SourcePos): GValue {
  const v: GValue = {
    Raw: raw,
    Children: children,
    Kind: kind,
    Definition: null,
    VariableDefinition: null,
    ExpectedType: null,
    ExpectedTypeHasDefault: false,
  };
  if (pos !== undefined) v.Position = pos;
  return v;
}

/** Converts a type reference (`[String!]!`). */
export function toGType(node: TypeNode, at: Locate): GType {
  switch (node.kind) {
    case Kind.NAMED_TYPE:
      return withPos({ NamedType: node.name.value, Elem: null, NonNull: false }, at(node.loc));
    case Kind.LIST_TYPE:
      return withPos(
        { NamedType: "", Elem: toGType(node.type, at), NonNull: false },
        at(afterFirstToken(node.loc)),
      );
    case Kind.NON_NULL_TYPE: {
      const inner = toGType(node.type, at);
      const after = node.loc?.endToken.next;
      const t: GType = { NamedType: inner.NamedType, Elem: inner.Elem, NonNull: true };
      return withPos(t, after ? at({ start: after.start }) : inner.Position);
    }
  }
}

/** Converts a value literal. */
export function toGValue(node: ValueNode, at: Locate): GValue {
  const pos = at(node.loc);
  switch (node.kind) {
    case Kind.VARIABLE:
      return makeValue(ValueKind.Variable, node.name.value, [], pos);
    case Kind.INT:
      return makeValue(ValueKind.Int, node.value, [], pos);
    case Kind.FLOAT:
      return makeValue(ValueKind.Float, node.value, [], pos);
    case Kind.STRING:
      return makeValue(node.block === true ? ValueKind.Block : ValueKind.String, node.value, [], pos);
    case Kind.BOOLEAN:
      return makeValue(ValueKind.Boolean, node.value ? "true" : "false", [], pos);
    case Kind.NULL:
      return makeValue(ValueKind.Null, "null", [], pos);
    case Kind.ENUM:
      return makeValue(ValueKind.Enum, node.value, [], pos);
    case Kind.LIST:
      return makeValue(
        ValueKind.List,
        "",
        node.values.map((v) => ({ Name: "", Value: toGValue(v, at) })),
        pos,
      );
    case Kind.OBJECT:
      return makeValue(
        ValueKind.Object,
        "",
        node.fields.map((f) => withPos({ Name: f.name.value, Value: toGValue(f.value, at) }, at(f.loc))),
        pos,
      );
  }
}

/** Converts arguments of a field or directive. */
export function toGArguments(nodes: readonly ArgumentNode[] | undefined, at: Locate): GArgument[] {
  return (nodes ?? []).map((a) => withPos({ Name: a.name.value, Value: toGValue(a.value, at) }, at(a.loc)));
}

/** Converts applied directives. */
export function toGDirectives(
  nodes: readonly (DirectiveNode | ConstDirectiveNode)[] | undefined,
  at: Locate,
): GDirective[] {
  return (nodes ?? []).map((d) =>
    withPos(
      {
        Name: d.name.value,
        Arguments: toGArguments(d.arguments, at),
        ParentDefinition: null,
        Definition: null,
        Location: "",
      },
      at(d.name.loc),
    ),
  );
}

/** Sets `Position` when known. */
export function withPos<T extends object>(node: T, pos: SourcePos | undefined): T {
  return pos === undefined ? node : Object.assign(node, { Position: pos });
}
