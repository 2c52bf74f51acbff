/**
 * The AdmissionReview `npm start` suggests sending: the seed scenario's Istio Policy with
 * PERMISSIVE mTLS, which the starter policies deny with
 * `[policy-strict-constraint] Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]`.
 */
export function permissivePolicyReview(uid = "portcullis-demo-1"): Record<string, unknown> {
  return {
    apiVersion: "admission.k8s.io/v1",
    kind: "AdmissionReview",
    request: {
      uid,
      kind: { group: "authentication.istio.io", version: "v1alpha1", kind: "Policy" },
      resource: { group: "authentication.istio.io", version: "v1alpha1", resource: "policies" },
      name: "app-policy-demo",
      namespace: "default",
      operation: "CREATE",
      userInfo: { username: "demo-user", groups: ["system:authenticated"] },
      object: {
        apiVersion: "authentication.istio.io/v1alpha1",
        kind: "Policy",
        metadata: { name: "app-policy-demo", namespace: "default" },
        spec: { targets: [{ name: "app-demo" }], peers: [{ mtls: {}, mode: "PERMISSIVE" }] },
      },
      oldObject: null,
      dryRun: false,
    },
  };
}

/** Quotes a string for a POSIX shell when it needs quoting. */
function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** A ready-to-paste curl command POSTing a review file to the webhook and trusting the CA. */
export function curlCommand(url: string, caFile: string, reviewFile: string): string {
  return [
    "curl -sS",
    `--cacert ${shellQuote(caFile)}`,
    "-H 'Content-Type: application/json'",
    `--data @${shellQuote(reviewFile)}`,
    shellQuote(`${url}/v1/admit`),
  ].join(" ");
}
