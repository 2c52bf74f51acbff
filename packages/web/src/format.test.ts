import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatCounted,
  formatNamespacedName,
  formatObjectRef,
  formatOptionalCount,
  formatProblemLocation,
  formatRelative,
  formatTime,
} from "./format.js";

describe("formatTime", () => {
  it("writes RFC 3339 times in UTC to the second", () => {
    expect(formatTime("2026-11-28T21:10:03Z")).toBe("2026-11-28 21:10:03 UTC");
    expect(formatTime("2026-11-28T22:10:03.987+01:00")).toBe("2026-11-28 21:10:03 UTC");
  });

  it("returns text that is not a time as it is", () => {
    expect(formatTime("soon")).toBe("soon");
    expect(formatTime("")).toBe("");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-11-28T21:10:03Z");
  const ago = (seconds: number): string => formatRelative(new Date(now - seconds * 1000).toISOString(), now);

  it("counts back in seconds, minutes, hours and days", () => {
    expect(ago(0)).toBe("just now");
    expect(ago(9)).toBe("just now");
    expect(ago(45)).toBe("45 s ago");
    expect(ago(180)).toBe("3 min ago");
    expect(ago(3599)).toBe("59 min ago");
    expect(ago(3600)).toBe("1 h ago");
    expect(ago(86400)).toBe("1 day ago");
    expect(ago(86400 * 1500)).toBe("1,500 days ago");
  });

  it("says `in` for times after now, and nothing for text that is not a time", () => {
    expect(ago(-120)).toBe("in 2 min");
    expect(formatRelative("never", now)).toBe("");
  });
});

describe("counts", () => {
  it("groups thousands", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1000)).toBe("1,000");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(-4200)).toBe("-4,200");
  });

  it("shows a dash for a count not known", () => {
    expect(formatOptionalCount(null)).toBe("–");
    expect(formatOptionalCount(undefined)).toBe("–");
    expect(formatOptionalCount(0)).toBe("0");
  });

  it("puts the noun in the plural except for one", () => {
    expect(formatCounted(1, "violation")).toBe("1 violation");
    expect(formatCounted(0, "violation")).toBe("0 violations");
    expect(formatCounted(2000, "policy", "policies")).toBe("2,000 policies");
  });
});

describe("object references", () => {
  it("leaves out the core group", () => {
    expect(
      formatObjectRef({ group: "", version: "v1", kind: "Pod", namespace: "default", name: "nginx" }),
    ).toBe("v1 Pod default/nginx");
  });

  it("writes group/version for other groups", () => {
    expect(
      formatObjectRef({ group: "apps", version: "v1", kind: "Deployment", namespace: "web", name: "api" }),
    ).toBe("apps/v1 Deployment web/api");
  });

  it("writes only the name of a cluster-scoped object", () => {
    expect(
      formatObjectRef({
        group: "rbac.authorization.k8s.io",
        version: "v1",
        kind: "ClusterRole",
        namespace: "",
        name: "admin",
      }),
    ).toBe("rbac.authorization.k8s.io/v1 ClusterRole admin");
    expect(formatNamespacedName(undefined, "n")).toBe("n");
    expect(formatNamespacedName("", "n")).toBe("n");
  });
});

describe("formatProblemLocation", () => {
  it("writes as much of file:line:col as is known", () => {
    expect(formatProblemLocation({ file: "a.yaml", line: 3, col: 7, code: "x", message: "m" })).toBe(
      "a.yaml:3:7",
    );
    expect(formatProblemLocation({ file: "a.yaml", line: 3, code: "x", message: "m" })).toBe("a.yaml:3");
    expect(formatProblemLocation({ file: "a.yaml", code: "x", message: "m" })).toBe("a.yaml");
  });
});
