import { describe, expect, it } from "vitest";
import {
  base64Decode,
  base64Encode,
  base64UrlDecodeLenient,
  RAW_URL_ENCODING,
  STD_ENCODING,
} from "./base64.js";
import { utf8Decode, utf8Encode } from "./bytes.js";

describe("Go-compatible base64", () => {
  it("round-trips", () => {
    for (const s of ["", "f", "fo", "foo", "foob", "åäö🥲"]) {
      expect(utf8Decode(base64Decode(base64Encode(utf8Encode(s), STD_ENCODING), STD_ENCODING))).toBe(s);
      expect(utf8Decode(base64UrlDecodeLenient(base64Encode(utf8Encode(s), RAW_URL_ENCODING)))).toBe(s);
    }
  });

  it("skips newlines and reports offsets as Go does", () => {
    expect(utf8Decode(base64Decode("Zm9v\r\nYmFy", STD_ENCODING))).toBe("foobar");
    expect(() => base64Decode("foobar", STD_ENCODING)).toThrow("illegal base64 data at input byte 4");
    expect(() => base64Decode("Zm9=v", STD_ENCODING)).toThrow("illegal base64 data at input byte 4");
    expect(() => base64Decode("Zm^v", STD_ENCODING)).toThrow("illegal base64 data at input byte 2");
    expect(() => base64UrlDecodeLenient("abcde")).toThrow("illegal base64url string: abcde");
  });
});
