import { describe, expect, it } from "vitest";
import type { TraceRule } from "../policies/config-resource.js";
import { formatTraceDump, traceLevel } from "./request-traces.js";

const POD = { group: "", version: "v1", kind: "Pod" };
const request = (username: string, kind = POD) => ({ uid: "u", kind, userInfo: { username } });

describe("traceLevel", () => {
  it("traces requests by the named user for exactly the named group, version and kind", () => {
    const rules: TraceRule[] = [{ user: "alice", kind: POD, dump: "" }];
    expect(traceLevel(rules, request("alice"))).toBe("trace");
    expect(traceLevel(rules, request("bob"))).toBe("none");
    expect(traceLevel(rules, request("alice", { ...POD, version: "v2" }))).toBe("none");
    expect(traceLevel([], request("alice"))).toBe("none");
  });

  it("adds the dump for dump: All in any case", () => {
    expect(traceLevel([{ user: "alice", kind: POD, dump: "all" }], request("alice"))).toBe("dump");
    expect(
      traceLevel(
        [
          { user: "alice", kind: POD, dump: "" },
          { user: "alice", kind: POD, dump: "All" },
        ],
        request("alice"),
      ),
    ).toBe("dump");
  });
});

describe("formatTraceDump", () => {
  it("lays out the target, input, trace and each result as Gatekeeper logs them", () => {
    const text = formatTraceDump({ name: "p" }, "Trace of K8sX c:\nEnter data.x", [
      {
        constraint: { kind: "K8sX", name: "c", object: {} },
        msg: "bad",
        details: {},
        enforcementAction: "deny",
        scopedEnforcementActions: [],
        object: {},
        engine: "Rego",
        error: false,
      },
    ]);
    expect(text.split("\n").slice(0, 9)).toEqual([
      "Target: admission.k8s.gatekeeper.sh",
      "Input:",
      "{",
      '   "name": "p"',
      "}",
      "",
      "Trace:",
      "Trace of K8sX c:",
      "Enter data.x",
    ]);
    expect(text).toContain('Result(0):\n{\n   "msg": "bad",');
  });
});
