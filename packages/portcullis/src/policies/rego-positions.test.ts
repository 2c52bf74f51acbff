import { describe, expect, it } from "vitest";
import { placeInYaml, regoErrorPlace, regoSourcePositions } from "./rego-positions.js";

const TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata: {name: first}
---
apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8sbroken
spec:
  crd:
    spec:
      names:
        kind: K8sBroken
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |

        package k8sbroken
        violation[{"msg": m}] { m := }
      libs:
        - |
            package lib.helpers
`;

describe("Rego sources in a template's YAML", () => {
  it("are found by module name, one entry per document that has some", () => {
    const [configMap, template] = regoSourcePositions(TEMPLATE);
    expect(configMap).toBeUndefined();
    expect(template).toEqual({
      "template.rego": { line: 17, col: 9, block: true },
      "libs[0].rego": { line: 22, col: 13, block: true },
    });
  });

  it("place a Rego error on the file's line and column", () => {
    const source = regoSourcePositions(TEMPLATE)[1]?.["template.rego"];
    // Row 3 of the source (after its empty first line and the package line), column 30: "}".
    expect(source === undefined ? undefined : placeInYaml(source, 3, 30)).toEqual({ line: 19, col: 38 });
    const lines = TEMPLATE.split("\n");
    expect(lines[18]?.slice(37, 38)).toBe("}");
  });

  it("read a code entry's Rego, and a quoted source on its first line only", () => {
    const text = `kind: ConstraintTemplate
spec:
  targets:
    - target: admission.k8s.gatekeeper.sh
      code:
        - engine: K8sNativeValidation
          source: {}
        - engine: Rego
          source:
            rego: "package x\\nviolation[{}] { true }"
`;
    const [positions] = regoSourcePositions(text);
    const source = positions?.["template.rego"];
    expect(source).toEqual({ line: 10, col: 20, block: false });
    expect(source === undefined ? undefined : placeInYaml(source, 1, 9)).toEqual({ line: 10, col: 28 });
    expect(source === undefined ? undefined : placeInYaml(source, 2, 1)).toBeUndefined();
  });

  it("place errors of the template's libs, and none of other files or templates", () => {
    const positions = regoSourcePositions(TEMPLATE)[1];
    expect(
      regoErrorPlace(positions, "k8sbroken", { file: "k8sbroken/libs[0].rego", row: 1, col: 9 }),
    ).toEqual({
      line: 22,
      col: 21,
    });
    expect(
      regoErrorPlace(positions, "k8sbroken", { file: "other/template.rego", row: 1, col: 1 }),
    ).toBeUndefined();
    expect(regoErrorPlace(positions, "k8sbroken", { file: "k8sbroken/template.rego" })).toBeUndefined();
    expect(
      regoErrorPlace(undefined, "k8sbroken", { file: "k8sbroken/template.rego", row: 1 }),
    ).toBeUndefined();
  });
});
