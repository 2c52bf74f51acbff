import { describe, expect, it } from "vitest";
import { ConstraintClient } from "../client.js";
import { createRegoDriver, regoDriver } from "../drivers/rego/rego-driver.js";
import { InvalidTemplateError } from "../errors.js";
import { constraintDoc, pod, templateDoc } from "../test-fixtures.js";
import { reviewBatchWithExternalData } from "./review-batch.js";
import type { ExternalDataBackend } from "./session.js";
import { ExternalDataSession, settleExternalData } from "./session.js";

/** Gatekeeper's documentation example: images the provider does not vouch for are violations. */
const REGO = `package k8sexternaldata
violation[{"msg": msg}] {
  images := [img | img = input.review.object.spec.containers[_].image]
  response := external_data({"provider": "my-provider", "keys": images})
  response_with_error(response)
  msg := sprintf("invalid response: %v", [response])
}
violation[{"msg": msg}] {
  images := [img | img = input.review.object.spec.containers[_].image]
  response := external_data({"provider": "my-provider", "keys": images})
  count(response.errors) == 0
  r := response.responses[_]
  r[1] != "valid"
  msg := sprintf("image %v is %v", [r[0], r[1]])
}
response_with_error(response) {
  count(response.errors) > 0
}
response_with_error(response) {
  count(response.system_error) > 0
}`;

function clientWith(driver = createRegoDriver({ externalData: true })): ConstraintClient {
  const client = new ConstraintClient({ drivers: [driver] });
  client.addTemplate(templateDoc({ kind: "K8sExternalData", rego: REGO }));
  client.addConstraint(constraintDoc({}, "images", "K8sExternalData"));
  return client;
}

function podWith(...images: string[]) {
  const p = pod("web");
  return { ...p, spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) } };
}

const backend: ExternalDataBackend = {
  hasProvider: (name) => name === "my-provider",
  cached: () => undefined,
  remember: () => {},
  send: async (_provider, keys) => ({
    reply: {
      status: 200,
      idempotent: true,
      systemError: "",
      items: keys.map((key) =>
        key.startsWith("evil/")
          ? { key, value: "invalid", error: "" }
          : key === "missing"
            ? { key, value: null, error: "not found" }
            : { key, value: "valid", error: "" },
      ),
    },
  }),
};

function messages(client: ConstraintClient, object: unknown) {
  const session = new ExternalDataSession(backend);
  return settleExternalData(session, () =>
    client.review(object, { externalData: session }).results.map((r) => r.msg),
  );
}

describe("external_data in templates", () => {
  it("finds what the provider answers about each key", async () => {
    const client = clientWith();
    expect(await messages(client, podWith("nginx", "evil/miner"))).toEqual(["image evil/miner is invalid"]);
    expect(await messages(client, podWith("nginx"))).toEqual([]);
  });

  it("sees the provider's per-key errors", async () => {
    expect(await messages(clientWith(), podWith("missing"))).toEqual([
      'invalid response: {"errors": [["missing", "not found"]], "responses": [], "status_code": 200, "system_error": ""}',
    ]);
  });

  it("answers a call for an unknown provider, or without a session, with Gatekeeper's not-found error", () => {
    const results = clientWith()
      .review(podWith("nginx"))
      .results.map((r) => r.msg);
    expect(results).toEqual([
      'invalid response: {"errors": null, "responses": null, "status_code": 400, "system_error": "key is not found in provider cache"}',
    ]);
  });

  it("is undefined for a request it cannot read, as a failing builtin is", () => {
    const client = new ConstraintClient({ drivers: [createRegoDriver({ externalData: true })] });
    client.addTemplate(
      templateDoc({
        rego: `package k8stest
violation[{"msg": "answered"}] { external_data({"provider": "my-provider", "keys": [1]}) }
violation[{"msg": "answered"}] { external_data("my-provider") }`,
      }),
    );
    client.addConstraint(constraintDoc());
    expect(client.review(pod("web")).results).toEqual([]);
  });

  it("is refused unless the driver offers it, as with --enable-external-data=false", () => {
    let caught: unknown;
    try {
      clientWith(regoDriver);
    } catch (e: unknown) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidTemplateError);
    expect(caught instanceof Error ? caught.message : "").toContain("undefined function external_data");
  });
});

describe("reviewBatchWithExternalData", () => {
  it("answers at once when no call waits, and reviews again only the items whose calls waited", async () => {
    const client = clientWith();
    let sent = 0;
    const counting: ExternalDataBackend = {
      ...backend,
      cached: (_provider, key) => (key === "nginx" ? { value: "valid", error: "" } : undefined),
      send: (provider, keys, deadline) => {
        sent++;
        return backend.send(provider, keys, deadline);
      },
    };
    const cachedOnly = reviewBatchWithExternalData(client, [{ subject: podWith("nginx") }], counting);
    expect(cachedOnly).not.toBeInstanceOf(Promise);
    const waiting = reviewBatchWithExternalData(
      client,
      [{ subject: podWith("nginx") }, { subject: podWith("evil/miner") }],
      counting,
    );
    expect(waiting).toBeInstanceOf(Promise);
    const outcomes = await waiting;
    expect(outcomes.map((o) => ("response" in o ? o.response.results.map((r) => r.msg) : o.error))).toEqual([
      [],
      ["image evil/miner is invalid"],
    ]);
    expect(sent).toBe(1);
  });
});
