import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIBRARY } from "../../gator/test-fixtures.js";
import { cli, tempTree } from "../test-support.js";

describe("portcullis sync test", () => {
  const dir = tempTree({
    "syncset.yaml": `apiVersion: syncset.gatekeeper.sh/v1alpha1
kind: SyncSet
metadata:
  name: storage
spec:
  gvks:
    - {group: storage.k8s.io, version: v1, kind: StorageClass}
`,
  });
  const template = join(LIBRARY, "general/storageclass/template.yaml");

  it("exits 0 when the SyncSet syncs what the template needs", async () => {
    const r = await cli(
      dir,
      "sync",
      "test",
      "-f",
      template,
      "-f",
      "syncset.yaml",
      "--force-omit-gvk-manifest",
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("exits 1 and names the template and the kinds it lacks", async () => {
    const r = await cli(dir, "sync", "test", "-f", template, "-o");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "error: the following requirements were not met: \nk8sstorageclass:\n- storage.k8s.io/v1:StorageClass\n",
    );
  });
});
