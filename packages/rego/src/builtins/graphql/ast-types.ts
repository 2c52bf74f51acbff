/**
 * The GraphQL AST as OPA returns it: the field names and shapes of vektah/gqlparser's Go structs
 * (OPA marshals them to JSON, then drops `Position`, nulls and empty collections). Every struct
 * field is present here with Go's zero value, so encoding and decoding share one shape. The
 * optional `Position` is kept only for error locations and is never encoded.
 */

/** A 1-based source location, columns counted in Unicode code points (as gqlparser does). */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/** `ast.Type`: a named type, or a list of `Elem`; `NonNull` marks `!`. */
export interface GType {
  NamedType: string;
  Elem: GType | null;
  NonNull: boolean;
  Position?: SourcePos;
}

/** gqlparser's `ValueKind` numbers. */
export const ValueKind = {
  Variable: 0,
  Int: 1,
  Float: 2,
  String: 3,
  Block: 4,
  Boolean: 5,
  Null: 6,
  Enum: 7,
  List: 8,
  Object: 9,
} as const;

/** `ast.Value`: a literal, variable, list or object value. */
export interface GValue {
  Raw: string;
  Children: GChildValue[];
  Kind: number;
  Definition: GDefinition | null;
  VariableDefinition: GVariableDefinition | null;
  ExpectedType: GType | null;
  ExpectedTypeHasDefault: boolean;
  Position?: SourcePos;
}

/** `ast.ChildValue`: a list element (empty name) or an object field. */
export interface GChildValue {
  Name: string;
  Value: GValue | null;
  Position?: SourcePos;
}

/** `ast.Argument`. */
export interface GArgument {
  Name: string;
  Value: GValue | null;
  Position?: SourcePos;
}

/** `ast.Directive` (an applied directive). */
export interface GDirective {
  Name: string;
  Arguments: GArgument[];
  ParentDefinition: GDefinition | null;
  Definition: GDirectiveDefinition | null;
  Location: string;
  Position?: SourcePos;
}

/** `ast.Field`. */
export interface GField {
  Alias: string;
  Name: string;
  Arguments: GArgument[];
  Directives: GDirective[];
  SelectionSet: GSelection[];
  Definition: GFieldDefinition | null;
  ObjectDefinition: GDefinition | null;
  Position?: SourcePos;
}

/** `ast.FragmentSpread`. */
export interface GFragmentSpread {
  Name: string;
  Directives: GDirective[];
  ObjectDefinition: GDefinition | null;
  Definition: GFragmentDefinition | null;
  Position?: SourcePos;
}

/** `ast.InlineFragment`. */
export interface GInlineFragment {
  TypeCondition: string;
  Directives: GDirective[];
  SelectionSet: GSelection[];
  ObjectDefinition: GDefinition | null;
  Position?: SourcePos;
}

/** One selection; told apart by their keys (`Alias` for fields, `TypeCondition` for inline fragments). */
export type GSelection = GField | GFragmentSpread | GInlineFragment;

/** `ast.VariableDefinition`. */
export interface GVariableDefinition {
  Variable: string;
  Type: GType | null;
  DefaultValue: GValue | null;
  Directives: GDirective[];
  Definition: GDefinition | null;
  Used: boolean;
  Position?: SourcePos;
}

/** `ast.OperationDefinition`. */
export interface GOperationDefinition {
  Operation: string;
  Name: string;
  VariableDefinitions: GVariableDefinition[];
  Directives: GDirective[];
  SelectionSet: GSelection[];
  Position?: SourcePos;
}

/** `ast.FragmentDefinition` (`VariableDefinition` holds legacy fragment variables). */
export interface GFragmentDefinition {
  Name: string;
  VariableDefinition: GVariableDefinition[];
  TypeCondition: string;
  Directives: GDirective[];
  SelectionSet: GSelection[];
  Definition: GDefinition | null;
  Position?: SourcePos;
}

/** `ast.QueryDocument`. */
export interface GQueryDocument {
  Operations: GOperationDefinition[];
  Fragments: GFragmentDefinition[];
}

/** `ast.OperationTypeDefinition` (`query: Query` inside `schema { … }`). */
export interface GOperationTypeDefinition {
  Operation: string;
  Type: string;
  Position?: SourcePos;
}

/** `ast.SchemaDefinition` (also used for `extend schema`). */
export interface GSchemaDefinition {
  Description: string;
  Directives: GDirective[];
  OperationTypes: GOperationTypeDefinition[];
  Position?: SourcePos;
}

/** `ast.ArgumentDefinition`. */
export interface GArgumentDefinition {
  Description: string;
  Name: string;
  DefaultValue: GValue | null;
  Type: GType | null;
  Directives: GDirective[];
  Position?: SourcePos;
}

/** `ast.FieldDefinition` (object fields and input fields). */
export interface GFieldDefinition {
  Description: string;
  Name: string;
  Arguments: GArgumentDefinition[];
  DefaultValue: GValue | null;
  Type: GType | null;
  Directives: GDirective[];
  Position?: SourcePos;
}

/** `ast.EnumValueDefinition`. */
export interface GEnumValueDefinition {
  Description: string;
  Name: string;
  Directives: GDirective[];
  Position?: SourcePos;
}

/** `ast.Definition`: any named type definition or extension; `Kind` is SCALAR, OBJECT, … */
export interface GDefinition {
  Kind: string;
  Description: string;
  Name: string;
  Directives: GDirective[];
  Interfaces: string[];
  Fields: GFieldDefinition[];
  Types: string[];
  EnumValues: GEnumValueDefinition[];
  BuiltIn: boolean;
  Position?: SourcePos;
}

/** `ast.DirectiveDefinition`. */
export interface GDirectiveDefinition {
  Description: string;
  Name: string;
  Arguments: GArgumentDefinition[];
  Locations: string[];
  IsRepeatable: boolean;
  Position?: SourcePos;
}

/** `ast.SchemaDocument`. */
export interface GSchemaDocument {
  Schema: GSchemaDefinition[];
  SchemaExtension: GSchemaDefinition[];
  Directives: GDirectiveDefinition[];
  Definitions: GDefinition[];
  Extensions: GDefinition[];
}

/** True for a field selection. */
export function isField(s: GSelection): s is GField {
  return "Alias" in s;
}

/** True for an inline fragment selection. */
export function isInlineFragment(s: GSelection): s is GInlineFragment {
  return "TypeCondition" in s;
}
