import { describe, expect, it } from "vitest";
import {
  admitLabel,
  IGNORE_LABEL,
  isExemptNamespace,
  isOwnServiceAccount,
  serviceAccountUsername,
} from "./exemptions.js";

const exemption = { names: ["gatekeeper-system"], prefixes: ["team-"], suffixes: ["-ops"] };
const nsRequest = (name: string, labels: Record<string, string> = {}, operation = "CREATE") => ({
  uid: "u",
  operation,
  kind: { group: "", version: "v1", kind: "Namespace" },
  object: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } },
});

describe("exemptions", () => {
  it("matches exempt namespaces by name, prefix and suffix", () => {
    expect(isExemptNamespace("gatekeeper-system", exemption)).toBe(true);
    expect(isExemptNamespace("team-a", exemption)).toBe(true);
    expect(isExemptNamespace("db-ops", exemption)).toBe(true);
    expect(isExemptNamespace("default", exemption)).toBe(false);
  });

  it("recognises its own service account by username", () => {
    const me = serviceAccountUsername("gatekeeper-system");
    expect(me).toBe("system:serviceaccount:gatekeeper-system:gatekeeper-admin");
    expect(isOwnServiceAccount({ userInfo: { username: me } }, me)).toBe(true);
    expect(isOwnServiceAccount({ userInfo: { username: "alice" } }, me)).toBe(false);
  });

  it("lets only exempt namespaces carry the ignore label", () => {
    const denied = admitLabel(nsRequest("default", { [IGNORE_LABEL]: "yes" }), exemption);
    expect(denied).toEqual({
      allowed: false,
      status: {
        metadata: {},
        code: 403,
        reason: "Forbidden",
        message: "Only exempt namespace can have the admission.gatekeeper.sh/ignore label",
      },
    });
    expect(admitLabel(nsRequest("team-x", { [IGNORE_LABEL]: "yes" }), exemption).status.message).toBe(
      "Namespace team-x is allowed to set admission.gatekeeper.sh/ignore",
    );
    expect(admitLabel(nsRequest("default"), exemption).allowed).toBe(true);
    expect(admitLabel(nsRequest("default", { [IGNORE_LABEL]: "" }, "DELETE"), exemption).status.message).toBe(
      "Delete is always allowed",
    );
    expect(admitLabel({ uid: "u", kind: { group: "", kind: "Pod" } }, exemption).status.message).toBe(
      "Not a namespace",
    );
  });
});
