import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import { graphqlBuiltins } from "./graphql.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Value[]) => callBuiltin(graphqlBuiltins, name, ...args);

const field = (name: string, extra: Record<string, Value> = {}) => ({ Alias: name, Name: name, ...extra });

const EMPLOYEES = `
  type Employee { id: String! salary: Int! }
  schema { query: Query }
  type Query { employeeByID(id: String): Employee }
`;

describe("graphql.parse_query", () => {
  it("returns gqlparser's AST shape, pruned (conformance)", () => {
    expect(call("graphql.parse_query", "{hero {name}}")).toEqual({
      Operations: [
        { Name: "", Operation: "query", SelectionSet: [field("hero", { SelectionSet: [field("name")] })] },
      ],
    });
  });

  it("encodes variables, values, fragments and directives", () => {
    const ast = call(
      "graphql.parse_query",
      'query Q($ep: Ep! = JEDI) { hero(id: [1, {a: "x"}], e: $ep) @skip(if: true) { ... on Droid { f } ...F } } fragment F on Hero { n }',
    );
    expect(ast).toEqual({
      Operations: [
        {
          Name: "Q",
          Operation: "query",
          VariableDefinitions: [
            {
              DefaultValue: { ExpectedTypeHasDefault: false, Kind: 7, Raw: "JEDI" },
              Type: { NamedType: "Ep", NonNull: true },
              Used: false,
              Variable: "ep",
            },
          ],
          SelectionSet: [
            field("hero", {
              Arguments: [
                {
                  Name: "id",
                  Value: {
                    Children: [
                      { Name: "", Value: { ExpectedTypeHasDefault: false, Kind: 1, Raw: "1" } },
                      {
                        Name: "",
                        Value: {
                          Children: [
                            { Name: "a", Value: { ExpectedTypeHasDefault: false, Kind: 3, Raw: "x" } },
                          ],
                          ExpectedTypeHasDefault: false,
                          Kind: 9,
                          Raw: "",
                        },
                      },
                    ],
                    ExpectedTypeHasDefault: false,
                    Kind: 8,
                    Raw: "",
                  },
                },
                { Name: "e", Value: { ExpectedTypeHasDefault: false, Kind: 0, Raw: "ep" } },
              ],
              Directives: [
                {
                  Arguments: [{ Name: "if", Value: { ExpectedTypeHasDefault: false, Kind: 5, Raw: "true" } }],
                  Location: "",
                  Name: "skip",
                },
              ],
              SelectionSet: [{ SelectionSet: [field("f")], TypeCondition: "Droid" }, { Name: "F" }],
            }),
          ],
        },
      ],
      Fragments: [{ Name: "F", SelectionSet: [field("n")], TypeCondition: "Hero" }],
    });
  });

  it("accepts an empty document and empty argument lists, as gqlparser does", () => {
    expect(call("graphql.parse_query", "  # nothing\n")).toEqual({});
    expect(call("graphql.parse_query", "query Q() { f() }")).toEqual({
      Operations: [{ Name: "Q", Operation: "query", SelectionSet: [field("f")] }],
    });
  });

  it("reports gqlparser's syntax errors (conformance)", () => {
    const cases: [string, string][] = [
      ["{", "Expected Name, found <EOF> in GraphQL string at location 1:2"],
      [
        "{ ...MissingOn }\nfragment MissingOn Type",
        'Expected "on", found Name "Type" in GraphQL string at location 2:20',
      ],
      ["{ field: {} }", "Expected Name, found { in GraphQL string at location 1:10"],
      ["notanoperation Foo { field }", 'Unexpected Name "notanoperation" in GraphQL string at location 1:1'],
      ["...", "Unexpected ... in GraphQL string at location 1:1"],
      [
        "query Foo($x: Complex = { a: { b: [ $var ] } }) { field }",
        "Unexpected $ in GraphQL string at location 1:37",
      ],
      ["fragment on on on { on }", 'Unexpected Name "on" in GraphQL string at location 1:10'],
      ["{ ...on }", "Expected Name, found } in GraphQL string at location 1:9"],
      ["{__typename{...}}", "Expected {, found } in GraphQL string at location 1:16"],
      [
        "{...{__typename{...{}}}}",
        "expected at least one definition, found } in GraphQL string at location 1:21",
      ],
      ["{ a }\ntype A { a: Int }", 'Unexpected Name "type" in GraphQL string at location 2:1'],
      ['"desc" query { a }', 'Unexpected String "desc" in GraphQL string at location 1:2'],
      ["{ 'a' }", "Expected Name, found <Invalid> in GraphQL string at location 1:3"],
    ];
    for (const [text, message] of cases) {
      expect(() => call("graphql.parse_query", text), text).toThrow(new BuiltinError(message));
    }
  });

  it("requires a string", () => {
    expect(() => call("graphql.parse_query", 1)).toThrow(OperandTypeError);
  });
});

describe("graphql.parse_schema", () => {
  it("returns definitions and extensions (conformance)", () => {
    expect(call("graphql.parse_schema", "type Hello implements & Wo & rld { field: String }")).toEqual({
      Definitions: [
        {
          BuiltIn: false,
          Description: "",
          Fields: [{ Description: "", Name: "field", Type: { NamedType: "String", NonNull: false } }],
          Interfaces: ["Wo", "rld"],
          Kind: "OBJECT",
          Name: "Hello",
        },
      ],
    });
    expect(call("graphql.parse_schema", "extend schema @directive")).toEqual({
      SchemaExtension: [{ Description: "", Directives: [{ Location: "", Name: "directive" }] }],
    });
    expect(call("graphql.parse_schema", "directive @foo repeatable on FIELD")).toEqual({
      Directives: [{ Description: "", IsRepeatable: true, Locations: ["FIELD"], Name: "foo" }],
    });
    expect(call("graphql.parse_schema", "type Hello { world(things: [String]): String }")).toEqual({
      Definitions: [
        {
          BuiltIn: false,
          Description: "",
          Fields: [
            {
              Arguments: [
                {
                  Description: "",
                  Name: "things",
                  Type: { Elem: { NamedType: "String", NonNull: false }, NamedType: "", NonNull: false },
                },
              ],
              Description: "",
              Name: "world",
              Type: { NamedType: "String", NonNull: false },
            },
          ],
          Kind: "OBJECT",
          Name: "Hello",
        },
      ],
    });
  });

  it("reports gqlparser's syntax errors (conformance)", () => {
    const cases: [string, string][] = [
      ["type Hello {}", "expected at least one definition, found } in GraphQL string at location 1:13"],
      ["extend type Hello", "Unexpected <EOF> in GraphQL string at location 1:18"],
      [
        '\n   "Description"\n   extend type Hello { world: String }',
        'Unexpected String "Description" in GraphQL string at location 2:5',
      ],
      [
        'extend "Description" type Hello { w: String }',
        'Unexpected String "Description" in GraphQL string at location 1:9',
      ],
      ["union Hello = || Wo | Rld", "Expected Name, found | in GraphQL string at location 1:16"],
      [
        "input Hello {\n  world(foo: Int): String\n}",
        "Expected :, found ( in GraphQL string at location 2:8",
      ],
      [
        "directive @foo on FIELD | INCORRECT_LOCATION",
        'Unexpected Name "INCORRECT_LOCATION" in GraphQL string at location 1:27',
      ],
      ["type A { f(): Int }", "expected at least one definition, found ) in GraphQL string at location 1:12"],
      ['"""\r', "Unexpected <Invalid> in GraphQL string at location 2:1"],
      ['"d" query { a }', 'Unexpected Name "query" in GraphQL string at location 1:5'],
    ];
    for (const [text, message] of cases) {
      expect(() => call("graphql.parse_schema", text), text).toThrow(new BuiltinError(message));
    }
  });

  it("allows empty argument lists on applied directives", () => {
    expect(call("graphql.parse_schema", "scalar A @d()")).toEqual({
      Definitions: [
        {
          BuiltIn: false,
          Description: "",
          Directives: [{ Location: "", Name: "d" }],
          Kind: "SCALAR",
          Name: "A",
        },
      ],
    });
  });
});

describe("graphql.parse, parse_and_verify and is_valid", () => {
  const schema = `
    extend type Query { myAction(myEnum: Locale!): SomeResult! }
    type SomeResult { id: String }
    enum Locale { EN LT DE }
  `;

  it("validates and returns both ASTs", () => {
    const query = "query Op($l: Locale! = DE) { myAction(myEnum: $l) { id } }";
    const out = call("graphql.parse", query, schema);
    expect(out).toEqual([call("graphql.parse_query", query), call("graphql.parse_schema", schema)]);
    expect(call("graphql.parse_and_verify", query, schema)).toEqual([true, ...(out as Value[])]);
    expect(call("graphql.is_valid", query, schema)).toBe(true);
  });

  it("reports validation errors where gqlparser places them (conformance)", () => {
    const query = "\n  query SomeOperation {\n    # no argument\n    myAction {\n      id\n    }\n  }\n";
    expect(() => call("graphql.parse", query, schema)).toThrow(
      new BuiltinError(
        'Field "myAction" argument "myEnum" of type "Locale!" is required, but it was not provided in GraphQL string at location 4:5',
      ),
    );
    expect(call("graphql.parse_and_verify", query, schema)).toEqual([false, {}, {}]);
    expect(call("graphql.is_valid", query, schema)).toBe(false);
  });

  it("checks that the operation's root type exists", () => {
    expect(() => call("graphql.parse", "mutation { x }", "type Query { a: Int }")).toThrow(
      // gqlparser's message has no final period, so OPA keeps the list's newline.
      new BuiltinError(
        'Schema does not support operation type "mutation"\n in GraphQL string at location 1:1',
      ),
    );
  });

  it("accepts AST objects for either argument (conformance)", () => {
    const schemaAst = call("graphql.parse_schema", EMPLOYEES) as Value;
    const queryAst = call("graphql.parse_query", 'query { employeeByID(id: "alice") { salary }}') as Value;
    expect(call("graphql.parse", queryAst, schemaAst)).toEqual([queryAst, schemaAst]);
    expect(call("graphql.is_valid", queryAst, schemaAst)).toBe(true);
    expect(call("graphql.schema_is_valid", schemaAst)).toBe(true);
  });

  it("decodes AST objects as Go does: case-insensitive keys, type errors fail", () => {
    const schemaAst = {
      definitions: [{ kind: "OBJECT", name: "Query", fields: [{ name: "a", type: { namedtype: "Int" } }] }],
    };
    expect(call("graphql.is_valid", "{ a }", schemaAst)).toBe(true);
    expect(() => call("graphql.parse", "{ a }", { Definitions: [{ Name: 1 }] })).toThrow(
      "json: cannot unmarshal number 1 into Go value of type string",
    );
    expect(
      call(
        "graphql.is_valid",
        {
          Operations: [
            {
              Operation: "mutation",
              SelectionSet: [
                { Alias: "x", Name: "x", Arguments: [{ Name: "a", Value: { Kind: 7, Raw: "b" } }] },
              ],
            },
          ],
        },
        "type Mutation { x: String! } type Query { a: Int }",
      ),
    ).toBe(false);
  });

  it("type-checks operands only where OPA does", () => {
    expect(() => call("graphql.parse", 1, "type Query { a: Int }")).toThrow(
      "operand 0 must be one of {string, object} but got number",
    );
    expect(call("graphql.parse_and_verify", 1, "type Query { a: Int }")).toEqual([false, {}, {}]);
    expect(call("graphql.is_valid", "{ a }", 1)).toBe(false);
    expect(call("graphql.schema_is_valid", 1)).toBe(false);
  });
});

describe("graphql.schema_is_valid", () => {
  it("applies gqlparser's schema rules (conformance)", () => {
    const valid = [
      "extend type User { id: ID! }\nunion _Entity = User\nextend type Query { entity: _Entity }",
      "type DeprecatedType { f: String @deprecated }\nenum E { ALPHA @deprecated }",
      'type Query { x: Int }\ndirective @directive(a: String = "b") on SCHEMA\nextend schema @directive',
      "extend type Hello { world: String }",
      "directive @foo repeatable on FIELD",
    ];
    for (const s of valid) expect(call("graphql.schema_is_valid", s), s).toBe(true);
    const invalid = [
      "type Hello {}",
      "extend type Hello implements Greeting",
      "extend scalar Foo @deprecated\nextend type Foo @deprecated",
      "schema { query: Query }",
      "type Hello implements World { field: String }",
      "union Hello = World",
      "interface IA { id: ID! }\ninterface IIA implements IA { id: ID! }\ntype A implements IIA { id: ID! }",
      "type Pupil { f: Int }\ninput PupilInput { friends: [Pupil] }",
      "type Query { a: Int }\ntype Query { b: Int }",
      "type __Bad { a: Int }",
      "type A { f: Missing }",
    ];
    for (const s of invalid) expect(call("graphql.schema_is_valid", s), s).toBe(false);
  });

  it("reports the conversion error from graphql.parse", () => {
    expect(() => call("graphql.parse", "{ a }", "type Query { a: Int }\ntype Query { b: Int }")).toThrow(
      new BuiltinError(
        "Error in gqlparser SchemaDocument to Schema conversion: input:2:6: Cannot redeclare type Query.",
      ),
    );
  });
});
