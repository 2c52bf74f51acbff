import { describe, expect, it } from "vitest";
import { StoreError } from "./errors.js";
import { whereOf } from "./query-filter.js";

describe("whereOf", () => {
  it("defaults to open violations, 100 per page", () => {
    expect(whereOf({})).toEqual({ where: "resolved_at IS NULL", params: [], limit: 100, offset: 0 });
  });

  it("combines filters with AND, reading Kind/name for a constraint", () => {
    const w = whereOf({
      constraint: "K8sRequiredLabels/owner",
      namespace: "",
      kind: "Pod",
      action: "dryrun",
      state: "all",
    });
    expect(w.where).toBe(
      "constraint_kind = ? AND constraint_name = ? AND object_namespace = ? AND object_kind = ? AND (enforcement_action = ? OR instr(enforcement_actions, ?) > 0)",
    );
    expect(w.params).toEqual(["K8sRequiredLabels", "owner", "", "Pod", "dryrun", '"dryrun"']);
  });

  it("escapes LIKE wildcards in text", () => {
    expect(whereOf({ text: "100%_a\\b" }).params).toEqual(["%100\\%\\_a\\\\b%"]);
  });

  it("rejects bad limits, offsets, times and states", () => {
    expect(() => whereOf({ limit: 0 })).toThrow(StoreError);
    expect(() => whereOf({ limit: 1.5 })).toThrow(StoreError);
    expect(() => whereOf({ offset: -1 })).toThrow(StoreError);
    expect(() => whereOf({ since: Number.NaN })).toThrow(StoreError);
  });
});
