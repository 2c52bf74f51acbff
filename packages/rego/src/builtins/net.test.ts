import { describe, expect, it } from "vitest";
import { RegoSet } from "../value/value.js";
import { BuiltinError } from "./errors.js";
import { netBuiltins } from "./net.js";
import { callBuiltin, testContext } from "./test-context.js";

const call = (name: string, ...args: Parameters<typeof callBuiltin>[2][]) =>
  callBuiltin(netBuiltins, name, ...args);
const members = (v: unknown) => (v instanceof RegoSet ? [...v] : v);

describe("net CIDR builtins", () => {
  it("checks containment (conformance)", () => {
    expect(call("net.cidr_contains", "10.0.0.0/8", "10.1.0.0/24")).toBe(true);
    expect(call("net.cidr_contains", "172.17.0.0/24", "172.17.0.0/16")).toBe(false);
    expect(call("net.cidr_contains", "10.0.0.0/8", "192.168.1.0/24")).toBe(false);
    expect(call("net.cidr_contains", "10.0.0.0/8", "10.1.1.1/32")).toBe(true);
    expect(call("net.cidr_contains", "2001:4860:4860::8888/32", "2001:4860:4860:1234::8888/40")).toBe(true);
    expect(call("net.cidr_contains", "2001:4860::/96", "2001:4860::/32")).toBe(false);
    expect(call("net.cidr_contains", "2001:4860::/32", "fd1e:5bfe:8af3:9ddc::/64")).toBe(false);
    expect(call("net.cidr_contains", "10.0.0.0/8", "10.1.2.3")).toBe(true);
    expect(call("net.cidr_overlap", "192.168.1.0/28", "192.168.1.67")).toBe(false);
    expect(() => call("net.cidr_contains", "not-a-cidr", "192.168.1.67")).toThrow(
      "invalid CIDR address: not-a-cidr",
    );
    expect(() => call("net.cidr_contains", "192.168.1.0/28", "not-a-cidr")).toThrow(
      "not a valid textual representation of an IP address or CIDR: not-a-cidr",
    );
  });

  it("checks intersection (conformance)", () => {
    expect(call("net.cidr_intersects", "192.168.1.0/25", "192.168.1.64/25")).toBe(true);
    expect(call("net.cidr_intersects", "192.168.1.0/24", "192.168.2.0/24")).toBe(false);
    expect(call("net.cidr_intersects", "fd1e:5bfe:8af3:9ddc::/64", "fd1e:5bfe:8af3:9ddc:1111::/72")).toBe(
      true,
    );
    expect(() => call("net.cidr_intersects", "192.168.1.0/28", "not-a-cidr")).toThrow(BuiltinError);
  });

  it("expands (conformance)", () => {
    expect(members(call("net.cidr_expand", "192.168.1.1/30"))).toEqual([
      "192.168.1.0",
      "192.168.1.1",
      "192.168.1.2",
      "192.168.1.3",
    ]);
    expect(members(call("net.cidr_expand", "192.168.1.1/32"))).toEqual(["192.168.1.1"]);
    expect(members(call("net.cidr_expand", "::1/127"))).toEqual(["::", "::1"]);
    expect(() => call("net.cidr_expand", "192.168.1.1/33")).toThrow("invalid CIDR address: 192.168.1.1/33");
  });

  it("validates with Go's parser (conformance)", () => {
    expect(call("net.cidr_is_valid", "192.168.1.0/24")).toBe(true);
    expect(call("net.cidr_is_valid", "")).toBe(false);
    expect(call("net.cidr_is_valid", "there goes a string")).toBe(false);
    expect(call("net.cidr_is_valid", "192.168.1.2")).toBe(false);
    expect(call("net.cidr_is_valid", "2002::1234:abcd:ffff:c0a8:101/64")).toBe(true);
    expect(call("net.cidr_is_valid", "01.2.3.4/8")).toBe(false);
    expect(call("net.cidr_is_valid", "1::2::3/64")).toBe(false);
    expect(call("net.cidr_is_valid", 3)).toBe(false);
  });

  it("merges", () => {
    expect(members(call("net.cidr_merge", ["192.0.128.0/24", "192.0.129.0/24"]))).toEqual(["192.0.128.0/23"]);
    expect(members(call("net.cidr_merge", ["192.168.1.1"]))).toEqual(["192.168.1.1/24"]);
    expect(
      members(call("net.cidr_merge", ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "1.1.1.1/32"])),
    ).toEqual(["1.1.1.1/32", "10.0.0.0/23", "10.0.2.0/24"]);
    expect(members(call("net.cidr_merge", new RegoSet(["2001:db8::/33", "2001:db8:8000::/33"])))).toEqual([
      "2001:db8::/32",
    ]);
    expect(() => call("net.cidr_merge", ["::1"])).toThrow("IPv6 invalid: needs prefix length");
    expect(() => call("net.cidr_merge", [1])).toThrow("element must be string");
  });

  it("finds matches", () => {
    const r = call("net.cidr_contains_matches", ["1.1.1.0/24", "1.1.2.0/24"], {
      a: "1.1.1.1",
      b: ["1.1.2.2", "x"],
    });
    expect(members(r)).toEqual([
      [0, "a"],
      [1, "b"],
    ]);
    expect(() => call("net.cidr_contains_matches", [[]], "1.1.1.1")).toThrow(
      "operand 1: element must be string or non-empty array",
    );
  });

  it("looks names up through the host service", () => {
    const def = netBuiltins.find((d) => d.decl.name === "net.lookup_ip_addr");
    expect(() => def?.impl(["example.com"], testContext())).toThrow(BuiltinError);
    const ctx = { ...testContext(), services: { lookupIp: () => ["1.2.3.4", "::1"] } };
    expect(members(def?.impl(["example.com"], ctx))).toEqual(["1.2.3.4", "::1"]);
  });
});
