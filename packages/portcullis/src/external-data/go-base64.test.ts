import { describe, expect, it } from "vitest";
import { corruptInputMessage, decodeGoBase64 } from "./go-base64.js";

describe("decodeGoBase64", () => {
  it("decodes padded text and ignores newlines", () => {
    const text = Buffer.from("hello, world!").toString("base64");
    expect(decodeGoBase64(text)).toEqual({ bytes: Buffer.from("hello, world!") });
    expect(decodeGoBase64(`${text.slice(0, 5)}\r\n${text.slice(5)}\n`)).toEqual({
      bytes: Buffer.from("hello, world!"),
    });
    expect(decodeGoBase64("")).toEqual({ bytes: Buffer.alloc(0) });
  });

  // Go's TestDecodeCorrupt (encoding/base64); -1: no corruption.
  const cases: readonly [string, number][] = [
    ["", -1],
    ["\n", -1],
    ["AAA=\n", -1],
    ["AAAA\n", -1],
    ["!!!!", 0],
    ["====", 0],
    ["x===", 1],
    ["=AAA", 0],
    ["A=AA", 1],
    ["AA=A", 2],
    ["AA==A", 4],
    ["AAA=AAAA", 4],
    ["AAAAA", 4],
    ["AAAAAA", 4],
    ["A=", 1],
    ["A==", 1],
    ["AA=", 3],
    ["AA==", -1],
    ["AAA=", -1],
    ["AAAA", -1],
    ["AAAAAA=", 7],
    ["YWJjZA=====", 8],
    ["A!\n", 1],
    ["A=\n", 1],
  ];
  it.each(cases)("reports the corrupt byte of %j at %i as Go does", (input, offset) => {
    const result = decodeGoBase64(input);
    if (offset === -1) expect(result).toHaveProperty("bytes");
    else expect(result).toEqual({ badByte: offset });
  });

  it("words the error as Go does", () => {
    expect(corruptInputMessage(3)).toBe("illegal base64 data at input byte 3");
  });
});
