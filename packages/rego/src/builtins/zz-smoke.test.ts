import { describe, expect, it } from "vitest";
import { encodingBuiltins as B } from "./encoding.js";
import { callBuiltin as c } from "./test-context.js";
import { RegoSet } from "../value/value.js";
it("smoke", () => {
  console.log(c(B, "yaml.marshal", { b: [1, 2, { c: "yes" }], a: "x: y", "10": 1.5, "9": null, e: {}, f: [], g: "a\nb", h: 1234567.5, i: "", j: " lead" }));
  console.log(c(B, "yaml.marshal", [[1, 2], { a: 1, b: [3] }, "x".repeat(50) + " " + "y".repeat(40) + " z"]));
  console.log(c(B, "json.marshal", { b: [1, 2.5, new RegoSet([3, 1])], a: "<&>\u2028", c: 12345678901234567890n }));
  console.log(c(B, "json.marshal_with_options", { b: [1], a: {} }, { prefix: "P", indent: "  " }));
  console.log(c(B, "yaml.unmarshal", "a: yes\nb: 0777\nc: 2001-12-14\nd: 1:20\n1: x\ne: 12345678901234567890\n"));
  for (const s of ["", " ", "1 2", "1 [", "1 ]", '1 "a"', "1 true", "1 null", "{", '{"a" 1}', "[1,]", "-", "01", "tru", "1x", '"\\ud800"'])
    try { console.log(JSON.stringify(s), c(B, "json.unmarshal", s)); } catch (e) { console.log(JSON.stringify(s), String(e)); }
  console.log(c(B, "urlquery.encode", "a=b+1 !*'()~é"), c(B, "urlquery.encode_object", { b: ["x y", "z"], a: new RegoSet(["1"]) }));
  try { c(B, "urlquery.decode", "a%zzb"); } catch (e) { console.log(String(e)); }
  try { c(B, "hex.decode", "fghijkl"); } catch (e) { console.log(String(e)); }
  console.log(c(B, "base64.encode", "héllo"), c(B, "base64.decode", "aMOpbGxv"));
});
