import { describe, expect, it } from "vitest";
import { cryptoBuiltins } from "./crypto.js";
import { OperandTypeError } from "./errors.js";
import { callBuiltin } from "./test-context.js";

const call = (name: string, ...args: Parameters<typeof callBuiltin>[2][]) =>
  callBuiltin(cryptoBuiltins, name, ...args);

describe("crypto hashes", () => {
  it("hashes UTF-8 bytes in hex", () => {
    expect(call("crypto.sha1", "lorem ipsum")).toBe("bfb7759a67daeb65410490b4d98bb9da7d1ea2ce");
    expect(call("crypto.sha256", "lorem ipsum")).toBe(
      "5e2bf57d3f40c4b6df69daf1936cb766f832374b4fc0259a7cbff06e2f70f269",
    );
    expect(call("crypto.md5", "")).toBe("d41d8cd98f00b204e9800998ecf8427e");
  });

  it("computes HMACs with the key second", () => {
    expect(call("crypto.hmac.md5", "foo", "bar")).toBe("31b6db9e5eb4addb42f1a6ca07367adc");
    expect(call("crypto.hmac.sha1", "foo", "bar")).toBe("85d155c55ed286a300bd1cf124de08d87e914f3a");
    expect(call("crypto.hmac.sha256", "foo", "bar")).toBe(
      "147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851",
    );
    expect(call("crypto.hmac.sha512", "åäöçß\u{1F972}♙Ω", "秘密の")).toBe(
      "192f5afded233d6e21427aa26ed267ac118cfa2971013d91cbed530c0b208d78138b83dfe1d6cc3553d7bd518f22a481402c723028e1279d1ffbe8f11ea6b125",
    );
  });

  it("compares MACs", () => {
    expect(call("crypto.hmac.equal", "abc", "abc")).toBe(true);
    expect(call("crypto.hmac.equal", "abc", "ab")).toBe(false);
  });

  it("rejects non-string operands", () => {
    expect(() => call("crypto.sha256", 1)).toThrow(OperandTypeError);
    expect(() => call("crypto.hmac.sha256", "x", 1)).toThrow("operand 2 must be string but got number");
  });
});
