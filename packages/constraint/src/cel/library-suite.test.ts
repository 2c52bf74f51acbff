/// <reference types="node" />
/**
 * Runs every gatekeeper-library template with a K8sNativeValidation code entry through the CEL
 * driver against its suite.yaml cases and checks the violation counts the suite expects.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DriverConstraint, DriverReview, JsonObject } from "../driver.js";
import { celDriver } from "./index.js";
import { arr, celSource, isObject, LIBRARY, obj, readYaml, str, toReview } from "./test-library.js";

function suites(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...suites(p));
    else if (e.name === "suite.yaml") out.push(p);
  }
  return out.sort();
}

/** A minimal `spec.match.kinds` check. */
function kindMatches(constraint: JsonObject, review: DriverReview): boolean {
  const kinds = arr(obj(obj(constraint, "spec"), "match"), "kinds");
  if (kinds.length === 0) return true;
  const k = obj(review.review, "kind");
  return kinds.some((gk) => {
    const groups = arr(gk, "apiGroups");
    const names = arr(gk, "kinds");
    return (
      (groups.includes("*") || groups.includes(str(k, "group"))) &&
      (names.includes("*") || names.includes(str(k, "kind")))
    );
  });
}

function expectedCount(
  results: readonly { msg: string }[],
  assertion: unknown,
): { ok: boolean; got: number; want: string } {
  const pattern = str(assertion, "message");
  const matching = pattern === "" ? results : results.filter((r) => new RegExp(pattern).test(r.msg));
  const want = isObject(assertion) ? assertion.violations : undefined;
  const got = matching.length;
  if (want === "yes" || want === true) return { ok: got > 0, got, want: "yes" };
  if (want === "no" || want === false) return { ok: got === 0, got, want: "no" };
  if (typeof want === "number") return { ok: got === want, got, want: String(want) };
  return { ok: got > 0, got, want: "yes (default)" };
}

const cases: { name: string; run: () => void }[] = [];
for (const suiteFile of existsSync(LIBRARY) ? suites(LIBRARY) : []) {
  const dir = dirname(suiteFile);
  const [suite] = readYaml(suiteFile);
  for (const test of arr(suite, "tests")) {
    const templateFile = join(dir, str(test, "template"));
    const [template] = readYaml(templateFile);
    if (template === undefined) continue;
    const source = celSource(template);
    if (source === undefined) continue;
    const kind = str(obj(obj(obj(template, "spec"), "crd"), "spec").names, "kind");
    for (const c of arr(test, "cases")) {
      const name = `${dir.slice(LIBRARY.length)} ${str(test, "name")} ${str(c, "name")}`;
      cases.push({
        name,
        run: () => {
          const compiled = celDriver.compile({
            name: kind.toLowerCase(),
            kind,
            engine: "K8sNativeValidation",
            source,
            file: templateFile,
          });
          const [constraint] = readYaml(join(dir, str(test, "constraint")));
          if (constraint === undefined) throw new Error("no constraint");
          const spec = obj(constraint, "spec");
          const dc: DriverConstraint = {
            kind,
            name: str(obj(constraint, "metadata"), "name"),
            parameters: spec.parameters ?? {},
          };
          for (const object of readYaml(join(dir, str(c, "object")))) {
            const review = toReview(object);
            const results = kindMatches(constraint, review) ? compiled.review(review, [dc]) : [];
            for (const assertion of arr(c, "assertions")) {
              const r = expectedCount(results, assertion);
              expect(r.ok, `want ${r.want}, got ${r.got}: ${JSON.stringify(results.map((x) => x.msg))}`).toBe(
                true,
              );
            }
          }
        },
      });
    }
  }
}

describe("gatekeeper-library K8sNativeValidation suites", () => {
  it("finds the CEL templates", () => {
    expect(cases.length).toBeGreaterThan(50);
  });
  for (const c of cases) it(c.name, c.run);
});
