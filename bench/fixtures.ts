/** A deterministic Pod AdmissionReview of about 5 KB, with managedFields, as performance.md asks. */
export function makePodReview(seed: number): {
  apiVersion: string;
  kind: string;
  request: Record<string, unknown>;
} {
  const name = `web-${seed}`;
  const managedFields = Array.from({ length: 6 }, (_, i) => ({
    manager: `controller-${i}`,
    operation: i % 2 ? "Update" : "Apply",
    apiVersion: "v1",
    time: "2026-01-01T00:00:00Z",
    fieldsType: "FieldsV1",
    fieldsV1: {
      "f:metadata": { "f:labels": { ".": {}, "f:app": {}, "f:tier": {} }, "f:annotations": { ".": {} } },
      "f:spec": {
        "f:containers": {
          [`k:{"name":"c${i}"}`]: { ".": {}, "f:image": {}, "f:name": {}, "f:resources": {} },
        },
      },
    },
  }));
  const containers = Array.from({ length: 3 }, (_, i) => ({
    name: `c${i}`,
    image: `registry.example.com/team/app-${i}:1.${seed % 10}.${i}`,
    ports: [{ containerPort: 8080 + i, protocol: "TCP" }],
    resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
    env: Array.from({ length: 4 }, (_, j) => ({ name: `ENV_${j}`, value: `value-${seed}-${j}` })),
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
  }));
  const object = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: `00000000-0000-0000-0000-${String(seed).padStart(12, "0")}`,
      labels: { app: "web", tier: "frontend", team: "payments" },
      annotations: { "example.com/owner": "payments", "example.com/revision": String(seed) },
      managedFields,
    },
    spec: { containers, serviceAccountName: "default", nodeSelector: { "kubernetes.io/os": "linux" } },
  };
  return {
    apiVersion: "admission.k8s.io/v1",
    kind: "AdmissionReview",
    request: {
      uid: `uid-${seed}`,
      kind: { group: "", version: "v1", kind: "Pod" },
      resource: { group: "", version: "v1", resource: "pods" },
      name,
      namespace: "default",
      operation: "CREATE",
      userInfo: { username: "alice", groups: ["system:authenticated"] },
      object,
      oldObject: null,
      dryRun: false,
    },
  };
}
