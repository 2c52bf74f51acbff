import { describe, expect, it } from "vitest";
import type { Value } from "../value/value.js";
import { BuiltinError, BuiltinHaltError } from "./errors.js";
import { httpBuiltins } from "./http.js";
import { testContext } from "./test-context.js";

const send = httpBuiltins[0]?.impl;
const run = (req: Value, httpSend?: (r: Value) => Value) => {
  if (send === undefined) throw new Error("missing");
  const ctx = testContext();
  return send([req], httpSend === undefined ? ctx : { ...ctx, services: { httpSend } });
};

describe("http.send", () => {
  it("validates the request object", () => {
    expect(() => run("x")).toThrow(BuiltinHaltError);
    expect(() => run("x")).toThrow("operand 1 must be object but got string");
    expect(() => run({ method: "get", url: "u", foo: 1 })).toThrow(
      'operand 1 invalid request parameters(s): {"foo"}',
    );
    expect(() => run({ method: "get" })).toThrow('operand 1 missing required request parameters(s): {"url"}');
    expect(() => run({ method: "get", url: "u", raise_error: "no" })).toThrow(
      "invalid value for raise_error field",
    );
    expect(() => run({ method: 1, url: "u" }, () => null)).toThrow('"method" must be a string');
  });

  it("returns errors as objects when raise_error is false", () => {
    expect(run({ method: "get", url: "u", raise_error: false, bogus: 1 })).toEqual({
      status_code: 0,
      error: {
        code: "eval_http_send_internal_error",
        message: 'eval_type_error: http.send: operand 1 invalid request parameters(s): {"bogus"}',
      },
    });
    expect(run({ method: "get", url: "u", raise_error: false })).toEqual({
      status_code: 0,
      error: { code: "eval_http_send_internal_error", message: "http.send is disabled" },
    });
  });

  it("is disabled without a transport and calls it otherwise, once per request", () => {
    expect(() => run({ method: "get", url: "u" })).toThrow(BuiltinError);
    let calls = 0;
    const transport = (r: Value): Value => {
      calls++;
      return { status_code: 200, body: r };
    };
    if (send === undefined) throw new Error("missing");
    const ctx = { ...testContext(), services: { httpSend: transport } };
    const req = { method: "get", url: "http://x" };
    expect(send([req], ctx)).toEqual({ status_code: 200, body: req });
    send([req], ctx);
    expect(calls).toBe(1);
  });
});
