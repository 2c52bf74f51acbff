import { describe, expect, it } from "vitest";
import { defaultBuiltins } from "../builtins/index.js";
import { Policy } from "../rego.js";
import { parseModule } from "../syntax/parser.js";
import { toJson } from "../value/json.js";
import { compileModules } from "./compiler.js";

const source = `package t
deny contains "pod" if { input.kind == "Pod"; input.name == "a" }
deny contains "svc" if { input.kind = "Service" }
deny contains "any" if { input.name == "a" }
deny contains "pod2" if { "Pod" == input.kind }
`;

describe("rule indexing", () => {
  it("keys the document on the input path most rules compare with a constant", () => {
    const policy = compileModules([parseModule(source, { file: "t.rego" })], { builtins: defaultBuiltins() });
    const index = policy.root.children.get("t")?.children.get("deny")?.index;
    expect(index?.path).toEqual(["kind"]);
    expect(index?.byValue.get("Pod")?.length).toBe(3);
    expect(index?.byValue.get("Service")?.length).toBe(2);
    expect(index?.others.length).toBe(1);
  });

  it("gives the same answers as trying every rule", () => {
    const q = new Policy({ modules: [{ file: "t.rego", text: source }] }).prepare("x := data.t.deny");
    const run = (input: Record<string, string>) => toJson(q.eval({ input })[0]?.bindings.x ?? null);
    expect(run({ kind: "Pod", name: "a" })).toEqual(["any", "pod", "pod2"]);
    expect(run({ kind: "Service", name: "a" })).toEqual(["any", "svc"]);
    expect(run({ kind: "Deployment", name: "a" })).toEqual(["any"]);
    expect(run({ name: "b" })).toEqual([]);
  });
});
