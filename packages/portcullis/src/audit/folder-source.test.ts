import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FolderSource } from "./folder-source.js";

const root = mkdtempSync(join(tmpdir(), "portcullis-folder-source-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function names(source: FolderSource): Promise<string[]> {
  const out: string[] = [];
  for (const k of await source.kinds()) {
    const page = await source.list(k, { limit: 100 });
    for (const o of page.objects) out.push(String((o.metadata as { name: string }).name));
  }
  return out;
}

describe("FolderSource", () => {
  it("keeps a file's last good objects while it does not parse, and drops them when it is removed", async () => {
    const file = join(root, "pods.yaml");
    writeFileSync(file, "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n");
    const source = new FolderSource(root);
    expect(await names(source)).toEqual(["a"]);
    writeFileSync(file, "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n");
    expect(await names(source)).toEqual(["a"]);
    expect(source.problems()[0]?.message).toContain(file);
    writeFileSync(file, "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n");
    expect(await names(source)).toEqual(["b"]);
    expect(source.problems()).toEqual([]);
    rmSync(file);
    expect(await names(source)).toEqual([]);
  });

  it("leaves out a file that never parsed", async () => {
    const dir = mkdtempSync(join(root, "bad-"));
    writeFileSync(join(dir, "bad.yaml"), "kind: [\n");
    const source = new FolderSource(dir);
    expect(await names(source)).toEqual([]);
    expect(source.problems()).toHaveLength(1);
  });
});
