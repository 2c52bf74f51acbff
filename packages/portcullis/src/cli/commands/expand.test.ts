import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { EXPANSION_DEPLOYMENTS } from "../../gator/test-fixtures.js";
import { cli, tempTree } from "../test-support.js";

const FILES = {
  "expansion.yaml": EXPANSION_DEPLOYMENTS,
  "deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
`,
};

describe("portcullis expand", () => {
  const dir = tempTree(FILES);

  it("prints the Pod a Deployment implies as YAML", async () => {
    const r = await cli(dir, "expand", "-n", ".");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const [pod] = parseAllDocuments(r.stdout).map((d) => d.toJS() as unknown);
    expect(pod).toMatchObject({ apiVersion: "v1", kind: "Pod", metadata: { name: "web-pod" } });
  });

  it("writes JSON to --outputfile and says so", async () => {
    const r = await cli(
      dir,
      "expand",
      "-n",
      "expansion.yaml",
      "-n",
      "deployment.yaml",
      "-f",
      "json",
      "-o",
      "out.json",
    );
    expect(r).toMatchObject({ code: 0, stdout: "Writing output to file: out.json\n" });
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8"))).toMatchObject({ kind: "Pod" });
  });

  it("refuses an unknown format and an unreadable file", async () => {
    const bad = await cli(dir, "expand", "-n", ".", "-f", "xml");
    expect(bad).toMatchObject({ code: 1, stdout: "" });
    expect(bad.stderr).toBe("error: unrecognized value for format flag: xml (use yaml or json)\n");
    const missing = await cli(dir, "expand", "-n", "nope.yaml");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*nope\.yaml/);
  });
});
