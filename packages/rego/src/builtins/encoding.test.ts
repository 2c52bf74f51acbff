import { describe, expect, it } from "vitest";
import { RegoObject, RegoSet } from "../value/value.js";
import { encodingBuiltins } from "./encoding.js";
import { BuiltinError, OperandTypeError } from "./errors.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Parameters<typeof callBuiltin>[2][]) =>
  callBuiltin(encodingBuiltins, name, ...args);

describe("base64 and hex", () => {
  it("encodes and decodes (conformance)", () => {
    expect(call("base64.encode", "hello")).toBe("aGVsbG8=");
    expect(call("base64.encode", "there")).toBe("dGhlcmU=");
    expect(call("base64.encode", "subjects?_d")).toBe("c3ViamVjdHM/X2Q=");
    expect(call("base64.decode", "c3ViamVjdHM/X2Q=")).toBe("subjects?_d");
    expect(call("base64.is_valid", "aGVsbG8=")).toBe(true);
    expect(call("base64.is_valid", "{'not':'base64'}")).toBe(false);
    expect(call("base64.is_valid", 7)).toBe(false);
    expect(call("hex.encode", "lorem ipsum")).toBe("6c6f72656d20697073756d");
    expect(call("hex.decode", "6c6f72656d20697073756d")).toBe("lorem ipsum");
  });

  it("works on UTF-8 bytes", () => {
    expect(call("base64.encode", "héllo")).toBe("aMOpbGxv");
    expect(call("base64.decode", "aMOpbGxv")).toBe("héllo");
    expect(call("base64.decode", "/w==")).toBe("\ufffd");
    expect(call("base64url.encode", "\u00ff\u00fe")).toBe("w7_Dvg==");
    expect(call("base64url.encode_no_pad", "\u00ff\u00fe")).toBe("w7_Dvg");
    expect(call("base64url.decode", "w7_Dvg")).toBe("\u00ff\u00fe");
    expect(call("hex.encode", "é")).toBe("c3a9");
  });

  it("reports Go's errors", () => {
    expect(() => call("hex.decode", "fghijkl")).toThrow("encoding/hex: invalid byte: U+0067 'g'");
    expect(() => call("hex.decode", "abc")).toThrow("encoding/hex: odd length hex string");
    expect(() => call("base64.decode", "a")).toThrow("illegal base64 data at input byte 0");
    expect(() => call("base64url.decode", "a")).toThrow("illegal base64url string: a");
    expect(() => call("base64.encode", 1)).toThrow(OperandTypeError);
  });
});

describe("urlquery", () => {
  it("escapes like Go (conformance)", () => {
    expect(call("urlquery.encode", "a=b+1")).toBe("a%3Db%2B1");
    expect(call("urlquery.encode", "")).toBe("");
    expect(call("urlquery.encode", "a b!*'()~é")).toBe("a+b%21%2A%27%28%29~%C3%A9");
    expect(call("urlquery.decode", "a%3Db%2B1")).toBe("a=b+1");
    expect(call("urlquery.decode", "a+b%C3%A9")).toBe("a bé");
    expect(() => call("urlquery.decode", "a%zzb")).toThrow('invalid URL escape "%zz"');
    expect(() => call("urlquery.decode", "%4")).toThrow('invalid URL escape "%4"');
  });

  it("encodes and decodes objects (conformance)", () => {
    expect(call("urlquery.encode_object", {})).toBe("");
    expect(call("urlquery.encode_object", { c: "d", a: "b" })).toBe("a=b&c=d");
    expect(call("urlquery.encode_object", { a: "c=b+1" })).toBe("a=c%3Db%2B1");
    expect(call("urlquery.encode_object", { a: ["b+1", "c+2"] })).toBe("a=b%2B1&a=c%2B2");
    expect(call("urlquery.encode_object", { a: new RegoSet(["b+1"]) })).toBe("a=b%2B1");
    expect(() => call("urlquery.encode_object", { a: 1 })).toThrow(
      "operand 1 values must be string, array[string], or set[string]",
    );
    expect(call("urlquery.decode_object", "a=value_a1&b=value_b&a=value_a2")).toEqual({
      a: ["value_a1", "value_a2"],
      b: ["value_b"],
    });
    expect(call("urlquery.decode_object", "a=value_a1&b")).toEqual({ a: ["value_a1"], b: [""] });
    expect(call("urlquery.decode_object", "")).toEqual({});
    expect(() => call("urlquery.decode_object", "a=1;b=2")).toThrow("invalid semicolon separator in query");
  });
});

describe("json", () => {
  it("marshals with sorted keys, sets as arrays and HTML escaping", () => {
    const set = new RegoSet([3, 1]);
    expect(call("json.marshal", { b: [1, 2.5, set], a: "<&>\u2028" })).toBe(
      '{"a":"\\u003c\\u0026\\u003e\\u2028","b":[1,2.5,[1,3]]}',
    );
    expect(call("json.marshal", 12345678901234567890n)).toBe("12345678901234567890");
    const o = new RegoObject();
    o.set(1, "x");
    o.set([1, 2], "y");
    expect(call("json.marshal", o)).toBe('{"1":"x","[1,2]":"y"}');
    expect(call("json.marshal", "\b\f\n\u0001")).toBe('"\\b\\f\\n\\u0001"');
  });

  it("marshals with options", () => {
    expect(call("json.marshal_with_options", { b: [1], a: {} }, { prefix: "P", indent: "  " })).toBe(
      'P{\nP  "a": {},\nP  "b": [\nP    1\nP  ]\nP}',
    );
    expect(call("json.marshal_with_options", [1], { pretty: true })).toBe("[\n\t1\n]");
    expect(call("json.marshal_with_options", [1], { pretty: false, indent: " " })).toBe("[1]");
    expect(call("json.marshal_with_options", [1], {})).toBe("[1]");
    expect(() => call("json.marshal_with_options", [1], { foo: 1 })).toThrow(
      "operand 2 object contained unknown key foo",
    );
    expect(() => call("json.marshal_with_options", [1], { pretty: 1 })).toThrow(
      "operand 2 key pretty failed cast to bool",
    );
  });

  it("unmarshals exactly, with Go's decoder errors", () => {
    expect(call("json.unmarshal", '{"a": [1, 2.5, 12345678901234567890]}')).toEqual({
      a: [1, 2.5, 12345678901234567890n],
    });
    expect(call("json.unmarshal", '"\\ud83d\\ude00\\ud800"')).toBe("😀\ufffd");
    expect(call("json.unmarshal", "1 null")).toBe(1);
    expect(() => call("json.unmarshal", "")).toThrow(/^EOF$/);
    expect(() => call("json.unmarshal", "{")).toThrow("unexpected EOF");
    expect(() => call("json.unmarshal", '{"a" 1}')).toThrow("invalid character '1' after object key");
    expect(() => call("json.unmarshal", "[1,]")).toThrow(
      "invalid character ']' looking for beginning of value",
    );
    expect(() => call("json.unmarshal", "1 2")).toThrow("error: invalid character '2' after top-level value");
    expect(() => call("json.unmarshal", "1x")).toThrow(
      "invalid character 'x' looking for beginning of value",
    );
    expect(() => call("json.unmarshal", "tru!")).toThrow(
      "invalid character '!' in literal true (expecting 'e')",
    );
  });

  it("validates like json.Valid", () => {
    expect(call("json.is_valid", '{"a": 1}')).toBe(true);
    expect(call("json.is_valid", "1 2")).toBe(false);
    expect(call("json.is_valid", "01")).toBe(false);
    expect(call("json.is_valid", 1)).toBe(false);
  });
});

describe("yaml", () => {
  it("marshals like go-yaml v2", () => {
    const doc = {
      b: [1, 2, { c: "yes" }],
      a: "x: y",
      "10": 1.5,
      "9": null,
      e: {},
      f: [],
      g: "a\nb",
      h: 1234567.5,
      i: "",
      j: " lead",
    };
    expect(call("yaml.marshal", doc)).toBe(
      [
        '"9": null',
        '"10": 1.5',
        "a: 'x: y'",
        "b:",
        "- 1",
        "- 2",
        '- c: "yes"',
        "e: {}",
        "f: []",
        "g: |-",
        "  a",
        "  b",
        "h: 1.2345675e+06",
        'i: ""',
        "j: ' lead'",
        "",
      ].join("\n"),
    );
    expect(call("yaml.marshal", [[1, 2], { a: 1 }])).toBe("- - 1\n  - 2\n- a: 1\n");
    expect(call("yaml.marshal", "foo")).toBe("foo\n");
    // go-yaml quotes what it would read back as a timestamp, and leaves a float out of range plain.
    expect(
      call("yaml.marshal", {
        a: "2001-12-14",
        b: "2001-12-14T21:59:43.10Z",
        c: "2001-12-14 21:59:43",
        d: "2001-13-14",
        e: "1e400",
        f: "1e5",
      }),
    ).toBe(
      'a: "2001-12-14"\nb: "2001-12-14T21:59:43.10Z"\nc: "2001-12-14 21:59:43"\nd: 2001-13-14\ne: 1e400\nf: "1e5"\n',
    );
    expect(call("yaml.marshal", {})).toBe("{}\n");
  });

  it("unmarshals YAML 1.1 as go-yaml v2 does", () => {
    expect(call("yaml.unmarshal", "a: yes\nb: 0777\nc: 2001-12-14\nd: 1:20\n1: x\n")).toEqual({
      a: true,
      b: 511,
      c: "2001-12-14",
      d: "1:20",
      "1": "x",
    });
    expect(call("yaml.unmarshal", "")).toBe(null);
    expect(call("yaml.unmarshal", "a: 1\n---\nb: 2\n")).toEqual({ a: 1 });
    expect(() => call("yaml.unmarshal", "a: [")).toThrow(BuiltinError);
    expect(call("yaml.is_valid", "a: b")).toBe(true);
    expect(call("yaml.is_valid", "a: [")).toBe(false);
    expect(call("yaml.is_valid", 3)).toBe(false);
  });

  it("reads numbers as go-yaml v2 does, not as the yaml package's YAML 1.1 schema", () => {
    const read = (scalar: string): unknown => call("yaml.unmarshal", `v: ${scalar}`);
    // The yaml package reads these as NaN; go-yaml leaves them text.
    for (const text of ["E0", "e5", ".", "-e1", ".e3", ".5_0", "1e400"])
      expect(read(text)).toEqual({ v: text });
    const floats: [string, number][] = [
      ["1e5", 100000],
      [".5", 0.5],
      ["-.5", -0.5],
      ["1_000.5", 1000.5],
      ["1.", 1],
      ["-1.5e-3", -0.0015],
      ["1e+_5", 100000],
    ];
    for (const [text, v] of floats) expect(read(text)).toEqual({ v });
    expect(() => read("+.inf")).toThrow("error converting YAML to JSON: json: unsupported value: +Inf");
    // Integers Go's ParseInt reads with a base prefix the YAML 1.1 tags do not know.
    const ints: [string, unknown][] = [
      ["0o17", 15],
      ["-0O1_7", -15],
      ["0X1F", 31],
      ["0B101", 5],
      ["0o777777777777777777777777", "0o777777777777777777777777"],
    ];
    for (const [text, v] of ints) expect(read(text)).toEqual({ v });
  });

  it("reads integers beyond 64 bits as go-yaml v2 does", () => {
    const read = (scalar: string): unknown => call("yaml.unmarshal", `v: ${scalar}`);
    const cases: [string, unknown][] = [
      ["9223372036854775807", 9223372036854775807n],
      ["18446744073709551615", 18446744073709551615n],
      // ParseUint takes no sign, and beyond 64 bits decimal digits are read as a float.
      ["+18446744073709551615", 2 ** 64],
      ["18446744073709551616", 2 ** 64],
      ["-9223372036854775809", -(2 ** 63)],
      // yamlStyleFloat reads a leading 0 as decimal, where ParseInt read octal.
      [`0${"7".repeat(30)}`, 7.777777777777778e29],
      // Beyond a float's range, or with a base prefix, the text stays.
      ["1".repeat(400), "1".repeat(400)],
      [`0x1${"F".repeat(20)}`, `0x1${"F".repeat(20)}`],
      [`0b${"1".repeat(70)}`, `0b${"1".repeat(70)}`],
    ];
    for (const [text, v] of cases) expect(read(text)).toEqual({ v });
  });

  it("refuses YAML nested too deep, as often as it is asked, with the line", () => {
    const deep = `a:\n  b: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    for (let i = 0; i < 5; i++) {
      expect(call("yaml.is_valid", deep)).toBe(false);
      expect(() => call("yaml.unmarshal", deep)).toThrow(
        new BuiltinError(
          "error converting YAML to JSON: yaml: line 2: collections nested deeper than 256 levels",
        ),
      );
    }
    expect(() => call("yaml.unmarshal", "a: 1\nb: [\n")).toThrow(
      /^error converting YAML to JSON: yaml: line 3: /,
    );
  });
});
