import { ConstraintClient, templateStats } from "@portcullis/constraint";
import { describe, expect, it } from "vitest";
import { ProcessExcluder } from "../policies/process-excluder.js";
import { admitAll } from "./admit.js";
import { serviceAccountUsername } from "./exemptions.js";
import { ADMISSION_STATS_MESSAGE, admissionStatsFields } from "./stats-log.js";
import { BAD_NAME_REGO, constraint, pod, requestFor, template } from "./test-fixtures.js";

describe("--log-stats-admission lines", () => {
  it("carry Gatekeeper's fields, with each stat's description", () => {
    const request = requestFor(pod("web"), { namespace: "default" });
    expect(ADMISSION_STATS_MESSAGE).toBe("admission review request stats");
    expect(admissionStatsFields(request, [templateStats("K8sRequiredLabels", "Rego", 0.762561, 1)])).toEqual({
      process: "admission",
      event_type: "review_response_stats",
      resource_group: "",
      resource_api_version: "v1",
      resource_kind: "Pod",
      resource_namespace: "default",
      request_username: "alice",
      execution_stats: [
        {
          scope: "template",
          statsFor: "K8sRequiredLabels",
          stats: [
            {
              name: "templateRunTimeNS",
              value: 762561,
              source: { type: "engine", value: "Rego" },
              description: "the number of nanoseconds it took to evaluate all constraints for a template",
            },
            {
              name: "constraintCount",
              value: 1,
              source: { type: "engine", value: "Rego" },
              description: "the number of constraints that were evaluated for the given constraint kind",
            },
          ],
          labels: [
            { name: "TracingEnabled", value: false },
            { name: "PrintEnabled", value: false },
            { name: "target", value: "admission.k8s.gatekeeper.sh" },
          ],
        },
      ],
    });
  });

  it("are not written when no template ran", () => {
    expect(admissionStatsFields(requestFor(pod("web")), [])).toBeUndefined();
  });

  it("come from admission reviews only when asked for", async () => {
    const client = new ConstraintClient();
    client.addTemplate(template("BadName", BAD_NAME_REGO));
    client.addConstraint(constraint("BadName", "bad-name"));
    const ctx = { client, excluder: new ProcessExcluder(), ownUsername: serviceAccountUsername("gk") };
    const [timed] = await admitAll([{ request: requestFor(pod("bad")) }], { ...ctx, stats: true });
    expect(timed?.stats?.map((e) => e.statsFor)).toEqual(["BadName"]);
    const [plain] = await admitAll([{ request: requestFor(pod("bad")) }], ctx);
    expect(plain?.stats).toBeUndefined();
  });
});
