import { describe, expect, it } from "vitest";
import type { Constraint } from "./api-types.js";
import {
  enforcementActionOf,
  matchAndParameters,
  scopedActionsOf,
  templateNameOfKind,
} from "./constraint-info.js";

const constraint = (spec?: Constraint["spec"]): Constraint => ({
  apiVersion: "constraints.gatekeeper.sh/v1beta1",
  kind: "K8sRequiredLabels",
  metadata: { name: "must-have-owner" },
  ...(spec === undefined ? {} : { spec }),
});

describe("enforcementActionOf", () => {
  it("is unknown for a constraint that is not loaded", () => {
    expect(enforcementActionOf(constraint())).toBe("unknown");
  });

  it("defaults to deny when the action is not set", () => {
    expect(enforcementActionOf(constraint({}))).toBe("deny");
    expect(enforcementActionOf(constraint({ enforcementAction: "" }))).toBe("deny");
    expect(enforcementActionOf(constraint({ enforcementAction: 3 }))).toBe("deny");
  });

  it("reads the action set", () => {
    expect(enforcementActionOf(constraint({ enforcementAction: "dryrun" }))).toBe("dryrun");
  });
});

describe("scopedActionsOf", () => {
  it("reads each action and its enforcement points, skipping malformed entries", () => {
    const c = constraint({
      enforcementAction: "scoped",
      scopedEnforcementActions: [
        { action: "deny", enforcementPoints: [{ name: "validation.gatekeeper.sh" }, { nope: 1 }] },
        { enforcementPoints: [{ name: "audit.gatekeeper.sh" }] },
        { action: "warn" },
      ],
    });
    expect(scopedActionsOf(c)).toEqual([
      { action: "deny", points: ["validation.gatekeeper.sh"] },
      { action: "warn", points: [] },
    ]);
    expect(scopedActionsOf(constraint())).toEqual([]);
  });
});

describe("matchAndParameters", () => {
  it("reads both, undefined when absent", () => {
    expect(matchAndParameters(constraint({ parameters: { labels: ["owner"] } }))).toEqual({
      match: undefined,
      parameters: { labels: ["owner"] },
    });
    expect(matchAndParameters(constraint())).toEqual({ match: undefined, parameters: undefined });
  });
});

describe("templateNameOfKind", () => {
  it("lowercases the kind", () => {
    expect(templateNameOfKind("K8sRequiredLabels")).toBe("k8srequiredlabels");
  });
});
