import { ConstraintClient } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { ProcessExcluder } from "../policies/process-excluder.js";
import { admit } from "./admit.js";
import { serviceAccountUsername } from "./exemptions.js";
import { gatekeeperResourceProblem } from "./gatekeeper-resources.js";
import { BAD_NAME_REGO, constraint, expansionTemplate, requestFor, template } from "./test-fixtures.js";

/** BadName, with a parameter `names` that must be a list of strings. */
const withSchema = {
  ...template("BadName", BAD_NAME_REGO),
  spec: {
    crd: {
      spec: {
        names: { kind: "BadName" },
        validation: {
          openAPIV3Schema: {
            type: "object",
            properties: { names: { type: "array", items: { type: "string" } } },
          },
        },
      },
    },
    targets: [{ target: "admission.k8s.gatekeeper.sh", rego: BAD_NAME_REGO }],
  },
};

const client = new ConstraintClient();
client.addTemplate(withSchema);
// Reviews Gatekeeper's own resources too: a constraint may match them, after the checks.
client.addConstraint(constraint("BadName", "bad-name"));
const ctx = {
  client,
  excluder: new ProcessExcluder(),
  ownUsername: serviceAccountUsername("gatekeeper-system"),
};

describe("Gatekeeper's own resources at admission", () => {
  it("pass a ConstraintTemplate a constraint CRD can be made of, and refuse others with 422", () => {
    expect(admit(requestFor(withSchema), ctx).verdict.allowed).toBe(true);
    const misnamed = { ...withSchema, metadata: { name: "other" } };
    const out = admit(requestFor(misnamed), ctx);
    expect(out.status).toBeUndefined();
    expect(out.verdict.allowed).toBe(false);
    expect(out.verdict.status.code).toBe(422);
    expect(out.verdict.status.message).toContain('invalid ConstraintTemplate "other"');
    const noTargets = { ...withSchema, spec: { crd: withSchema.spec.crd, targets: [] } };
    expect(admit(requestFor(noTargets), ctx).verdict.status.code).toBe(422);
  });

  it("leave a template's code to be compiled when it is loaded, as Gatekeeper does", () => {
    const broken = template("Broken", 'package broken\nviolation[{"msg": m}] { m := }');
    expect(gatekeeperResourceProblem(requestFor(broken), client)).toBeUndefined();
  });

  it("check a constraint against its template: 422 for its schema, 500 for its enforcement action", () => {
    expect(
      admit(requestFor(constraint("BadName", "ok", { parameters: { names: ["a"] } })), ctx).verdict,
    ).toEqual({
      allowed: true,
      status: { metadata: {}, code: 200 },
    });
    const badParams = admit(
      requestFor(constraint("BadName", "bad-params", { parameters: { names: "a" } })),
      ctx,
    );
    expect(badParams.verdict.status.code).toBe(422);
    expect(badParams.verdict.status.message).toContain("bad-params");
    const badAction = admit(
      requestFor(constraint("BadName", "bad-action", { enforcementAction: "block" })),
      ctx,
    );
    expect(badAction.verdict.status.code).toBe(500);
    expect(badAction.verdict.allowed).toBe(false);
  });

  it("leave a constraint whose template is not served to the API server", () => {
    expect(gatekeeperResourceProblem(requestFor(constraint("Unknown", "u")), client)).toBeUndefined();
  });

  it("check the old object of a DELETE, and let a DELETE of a collection through", () => {
    const bad = constraint("BadName", "bad-params", { parameters: { names: "a" } });
    const deleting = requestFor(bad, { operation: "DELETE", object: null, oldObject: bad });
    expect(gatekeeperResourceProblem(deleting, client)?.status.code).toBe(422);
    const collection = requestFor(bad, { operation: "DELETE", name: "", object: null, oldObject: bad });
    expect(gatekeeperResourceProblem(collection, client)).toBeUndefined();
  });

  it("refuse a name over 63 characters with 500", () => {
    const long = "n".repeat(64);
    const out = gatekeeperResourceProblem(requestFor(constraint("BadName", long)), client);
    expect(out).toEqual({
      allowed: false,
      status: {
        metadata: {},
        code: 500,
        message: "resource cannot have metadata.name larger than 63 char; length: 64",
      },
    });
  });

  it("check ExpansionTemplates and the Config's name", () => {
    expect(gatekeeperResourceProblem(requestFor(expansionTemplate()), client)).toBeUndefined();
    const noSource = gatekeeperResourceProblem(requestFor(expansionTemplate({ templateSource: "" })), client);
    expect(noSource?.status.code).toBe(422);
    const config = (name: string) => ({
      apiVersion: "config.gatekeeper.sh/v1alpha1",
      kind: "Config",
      metadata: { name },
    });
    expect(gatekeeperResourceProblem(requestFor(config("config")), client)).toBeUndefined();
    expect(gatekeeperResourceProblem(requestFor(config("cfg")), client)?.status).toEqual({
      metadata: {},
      code: 422,
      message: "config resource must have name 'config'",
    });
  });

  it("leave every other group alone", () => {
    expect(
      gatekeeperResourceProblem(
        requestFor({ apiVersion: "v1", kind: "Pod", metadata: { name: "n".repeat(80) } }),
        client,
      ),
    ).toBeUndefined();
  });
});
