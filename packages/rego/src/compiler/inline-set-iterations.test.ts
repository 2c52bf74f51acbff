import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultBuiltins } from "../builtins/index.js";
import { parseModule } from "../syntax/parser.js";
import { compileModules } from "./compiler.js";
import type { DocNode } from "./ir.js";
import { agreesWithRulesAsWritten } from "./test-written-rules.js";

// The pod-security templates' shape: violation iterates input_containers, a set of containers.
const psp = `package t
violation[{"msg": msg}] {
  field := ["a", "b"][_]
  c := input_containers[_]
  not c[field]
  msg := sprintf("<%v> has no %v", [c.name, field])
}
input_containers[c] { c := input.spec.containers[_] }
input_containers[c] { c := input.spec.initContainers[_] }
`;

function violationNode(text: string): DocNode | undefined {
  const policy = compileModules([parseModule(text, { file: "t.rego", regoVersion: 0 })], {
    builtins: defaultBuiltins(),
  });
  return policy.root.children.get("t")?.children.get("violation");
}

describe("inlining iterations over partial sets", () => {
  it("replaces the iteration by each definition's body, keeping the rules as written", () => {
    const n = violationNode(psp);
    expect(n?.rules.length).toBe(2);
    expect(n?.written?.length).toBe(1);
  });

  it("agrees with the rules as written on any input, duplicates included", () => {
    const container = fc.record(
      { name: fc.constantFrom("x", "y"), a: fc.constant(1), b: fc.constant(2) },
      { requiredKeys: ["name"] },
    );
    const spec = fc.record(
      {
        containers: fc.array(container, { maxLength: 3 }),
        initContainers: fc.array(container, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    agreesWithRulesAsWritten(psp, spec);
  });

  it("leaves alone what could tell the difference", () => {
    const shapes = [
      // The key is used: for a set it is the member.
      `violation[{"msg": k}] { c := input_containers[k]; c.name == k.name }`,
      // The member variable is used before.
      `violation[{"msg": c}] { c := "x"; c = input_containers[_] }`,
      // print shows how often and in which order the body runs.
      `violation[{"msg": c.name}] { c := input_containers[_]; print(c) }`,
    ];
    for (const rule of shapes) {
      const text = `package t\n${rule}\ninput_containers[c] { c := input.spec.containers[_] }\n`;
      expect(violationNode(text)?.written, rule).toBeUndefined();
    }
    const printingSet = `package t
violation[{"msg": c.name}] { c := input_containers[_] }
input_containers[c] { c := input.spec.containers[_]; print(c.name) }
`;
    expect(violationNode(printingSet)?.written).toBeUndefined();
    const constantHead = `package t
violation[{"msg": c}] { c := names[_] }
names["a"] { input.a }
names[n] { n := input.names[_] }
`;
    expect(violationNode(constantHead)?.written).toBeUndefined();
  });
});
