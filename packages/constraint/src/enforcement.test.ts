import { describe, expect, it } from "vitest";
import { actionsAt, ENFORCEMENT_POINTS, isDeny, readEnforcement } from "./enforcement.js";

describe("enforcement", () => {
  const scoped = readEnforcement({
    enforcementAction: "scoped",
    scopedEnforcementActions: [
      { action: "deny", enforcementPoints: [{ name: "validation.gatekeeper.sh" }] },
      { action: "warn", enforcementPoints: [{ name: "*" }] },
    ],
  });

  it("defaults to deny", () => {
    expect(actionsAt(readEnforcement({}).enforcement, ENFORCEMENT_POINTS.audit)).toEqual(["deny"]);
  });

  it("unions scoped actions per point", () => {
    expect(scoped.problems).toEqual([]);
    expect(actionsAt(scoped.enforcement, ENFORCEMENT_POINTS.webhook)).toEqual(["deny", "warn"]);
    expect(actionsAt(scoped.enforcement, ENFORCEMENT_POINTS.audit)).toEqual(["warn"]);
  });

  it("skips points with no action", () => {
    const audit = readEnforcement({
      enforcementAction: "scoped",
      scopedEnforcementActions: [
        { action: "deny", enforcementPoints: [{ name: "validation.gatekeeper.sh" }] },
      ],
    });
    expect(actionsAt(audit.enforcement, ENFORCEMENT_POINTS.audit)).toEqual([]);
  });

  it("ignores scoped actions unless scoped", () => {
    const e = readEnforcement({
      enforcementAction: "warn",
      scopedEnforcementActions: [{ action: "deny", enforcementPoints: [] }],
    });
    expect(e.problems).toEqual([]);
    expect(actionsAt(e.enforcement, ENFORCEMENT_POINTS.webhook)).toEqual(["warn"]);
  });

  it("validates actions and points", () => {
    expect(readEnforcement({ enforcementAction: "nope" }).problems[0]).toContain(
      "unrecognized enforcementAction",
    );
    const bad = readEnforcement({
      enforcementAction: "scoped",
      scopedEnforcementActions: [{ action: "scoped", enforcementPoints: [{ name: "x.example" }] }],
    });
    expect(bad.problems.join("\n")).toMatch(/unrecognized action[\s\S]*unrecognized enforcement point/);
    expect(isDeny("scoped", ["warn", "deny"])).toBe(true);
  });
});
