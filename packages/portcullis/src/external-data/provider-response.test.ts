import { describe, expect, it } from "vitest";
import { decodeProviderResponse } from "./provider-response.js";

function errorOf(text: string): string | undefined {
  const decoded = decodeProviderResponse(text);
  return "error" in decoded ? decoded.error : undefined;
}

describe("decodeProviderResponse", () => {
  it("reads a full response", () => {
    const text = JSON.stringify({
      apiVersion: "externaldata.gatekeeper.sh/v1beta1",
      kind: "ProviderResponse",
      response: {
        idempotent: true,
        items: [
          { key: "a", value: { digest: "sha256:1" } },
          { key: "b", error: "not found" },
          { key: 3, value: [1, "x"] },
        ],
        systemError: "partly down",
      },
    });
    expect(decodeProviderResponse(text)).toEqual({
      response: {
        idempotent: true,
        items: [
          { key: "a", value: { digest: "sha256:1" }, error: "" },
          { key: "b", value: null, error: "not found" },
          { key: 3, value: [1, "x"], error: "" },
        ],
        systemError: "partly down",
      },
    });
  });

  it("takes absent and null fields as Go's zero values", () => {
    const empty = { response: { idempotent: false, items: [], systemError: "" } };
    expect(decodeProviderResponse("null")).toEqual(empty);
    expect(decodeProviderResponse("{}")).toEqual(empty);
    expect(decodeProviderResponse('{"response":null,"kind":null}')).toEqual(empty);
    expect(
      decodeProviderResponse('{"response":{"items":null,"systemError":null,"idempotent":null}}'),
    ).toEqual(empty);
    expect(decodeProviderResponse('{"response":{"items":[null,{}]}}')).toEqual({
      response: {
        idempotent: false,
        items: [
          { key: null, value: null, error: "" },
          { key: null, value: null, error: "" },
        ],
        systemError: "",
      },
    });
  });

  it("matches field names ignoring case, as Go does", () => {
    const decoded = decodeProviderResponse(
      '{"Response":{"SYSTEMERROR":"x","Items":[{"KEY":"k","Value":1}]}}',
    );
    expect(decoded).toEqual({
      response: { idempotent: false, items: [{ key: "k", value: 1, error: "" }], systemError: "x" },
    });
  });

  it("reports JSON syntax errors", () => {
    expect(errorOf("")).toBeDefined();
    expect(errorOf("{not json")).toBeDefined();
  });

  it.each([
    ["[]", "json: cannot unmarshal array into Go value of type externaldata.ProviderResponse"],
    ['"x"', "json: cannot unmarshal string into Go value of type externaldata.ProviderResponse"],
    ['{"kind":1}', "json: cannot unmarshal number into Go struct field ProviderResponse.kind of type string"],
    [
      '{"response":[]}',
      "json: cannot unmarshal array into Go struct field ProviderResponse.response of type externaldata.Response",
    ],
    [
      '{"response":{"idempotent":"yes"}}',
      "json: cannot unmarshal string into Go struct field Response.response.idempotent of type bool",
    ],
    [
      '{"response":{"items":{}}}',
      "json: cannot unmarshal object into Go struct field Response.response.items of type []externaldata.Item",
    ],
    [
      '{"response":{"items":[1]}}',
      "json: cannot unmarshal number into Go struct field Response.response.items of type externaldata.Item",
    ],
    [
      '{"response":{"items":[{"key":"a","error":false}]}}',
      "json: cannot unmarshal bool into Go struct field Item.response.items.error of type string",
    ],
    [
      '{"response":{"systemError":5,"idempotent":"no"}}',
      "json: cannot unmarshal number into Go struct field Response.response.systemError of type string",
    ],
  ])("reports the first field of the wrong type in %s", (text, error) => {
    expect(errorOf(text)).toBe(error);
  });
});
