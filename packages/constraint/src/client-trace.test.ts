import { describe, expect, it } from "vitest";
import { celDriver } from "./cel/index.js";
import { ConstraintClient } from "./client.js";
import { regoDriver } from "./drivers/rego/rego-driver.js";
import { constraintDoc, pod, templateDoc } from "./test-fixtures.js";

function client(): ConstraintClient {
  const c = new ConstraintClient({ drivers: [regoDriver, celDriver] });
  c.addTemplate(templateDoc());
  c.addConstraint(constraintDoc({ parameters: { tag: "t" } }, "named"));
  return c;
}

describe("ConstraintClient traced reviews", () => {
  it("gives a traced review each constraint's Rego trace, with the same results", () => {
    const c = client();
    const plain = c.review(pod("bad"));
    const traced = c.review(pod("bad"), { trace: true });
    expect(plain.trace).toBeUndefined();
    expect(traced.results).toEqual(plain.results);
    const lines = traced.trace?.split("\n") ?? [];
    expect(lines[0]).toBe("Trace of K8sTest named:");
    expect(
      lines.some((l) =>
        /k8stest\/template\.rego:3 +\| \| Eval input\.review\.object\.metadata\.name == "bad"$/.test(l),
      ),
    ).toBe(true);
    expect(
      lines.some((l) => l.endsWith('| | Eval msg = sprintf("bad name %v", [input.parameters.tag])')),
    ).toBe(true);
  });

  it("keeps each subject's trace to itself in a batch", () => {
    const [bad, good] = client().reviewAll([pod("bad"), pod("good")], { trace: true });
    const badTrace = bad !== undefined && "response" in bad ? bad.response.trace : undefined;
    const goodTrace = good !== undefined && "response" in good ? good.response.trace : undefined;
    expect(badTrace).toContain("| | Exit data.");
    expect(goodTrace).toContain('| | Fail input.review.object.metadata.name == "bad"');
    expect(goodTrace).not.toContain("| | Exit data.");
  });

  it("says that CEL evaluations are not traced", () => {
    const c = new ConstraintClient({ drivers: [regoDriver, celDriver] });
    c.addTemplate(
      templateDoc({
        kind: "K8sCelOnly",
        target: {
          rego: undefined,
          code: [
            {
              engine: "K8sNativeValidation",
              source: { validations: [{ expression: "object.metadata.name != 'bad'", message: "bad" }] },
            },
          ],
        },
      }),
    );
    c.addConstraint(constraintDoc({}, "cel-named", "K8sCelOnly"));
    const r = c.review(pod("bad"), { trace: true });
    expect(r.results.map((x) => x.msg)).toEqual(["bad"]);
    expect(r.trace).toBe("Trace of K8sCelOnly cel-named: not traced (K8sNativeValidation), 1 violation(s)");
  });
});
