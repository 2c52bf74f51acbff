import { describe, expect, it } from "vitest";
import { decodeStrictBase64, illegalBase64Message } from "./strict-base64.js";

describe("decodeStrictBase64", () => {
  it("decodes padded text, with line breaks anywhere", () => {
    for (const word of ["", "a", "ab", "abc", "abcd", "hello, world!"]) {
      const text = Buffer.from(word).toString("base64");
      expect(decodeStrictBase64(text)).toEqual({ bytes: Buffer.from(word) });
      expect(decodeStrictBase64(`\r\n${text.split("").join("\n")}\n`)).toEqual({ bytes: Buffer.from(word) });
    }
  });

  it.each([
    ["a character outside the alphabet", "QU*D", 2],
    ["a URL-safe character", "QU-D", 2],
    ["padding opening a quantum", "=QUJ", 0],
    ["padding after one symbol", "Q===", 1],
    ["a single padding after two symbols", "QU=D", 2],
    ["data after padding", "QQ==QUJD", 4],
    ["too much padding", "QUJ==", 4],
    ["an incomplete last quantum", "QUJDRA", 4],
    ["a non-ASCII character, counted in bytes", "QUJDé", 4],
    ["a wrong character after line breaks", "QU\r\n*D", 4],
  ])("finds %s", (_what, text, offset) => {
    expect(decodeStrictBase64(text)).toEqual({ badByte: offset });
  });

  it("words the error as Gatekeeper shows it", () => {
    expect(illegalBase64Message(3)).toBe("illegal base64 data at input byte 3");
  });
});
