import { trimRight } from "@portcullis/rego";
import { IGNORE_LABEL } from "./exemptions.js";

/** Gatekeeper's names and defaults for its ValidatingWebhookConfiguration. */
export const VWC_DEFAULTS = {
  name: "gatekeeper-validating-webhook-configuration",
  namespace: "gatekeeper-system",
  serviceName: "gatekeeper-webhook-service",
  timeoutSeconds: 3,
  failurePolicy: "Ignore",
  operations: ["CREATE", "UPDATE"],
} as const;

/** Subresources Gatekeeper's webhook also receives (all but `status`, plus services/status). */
export const WEBHOOK_SUBRESOURCES: readonly string[] = [
  "pods/ephemeralcontainers",
  "pods/exec",
  "pods/log",
  "pods/eviction",
  "pods/portforward",
  "pods/proxy",
  "pods/attach",
  "pods/binding",
  "pods/resize",
  "deployments/scale",
  "replicasets/scale",
  "statefulsets/scale",
  "replicationcontrollers/scale",
  "services/proxy",
  "nodes/proxy",
  "services/status",
];

/** Where the apiserver reaches the webhook: a URL, or an in-cluster Service. */
export type WebhookTarget =
  | { readonly url: string }
  | { readonly service: { readonly name: string; readonly namespace: string; readonly port: number } };

/** Options of {@link validatingWebhookConfiguration}. */
export interface WebhookConfigOptions {
  readonly target: WebhookTarget;
  /** PEM of the CA that signed the serving certificate. */
  readonly caPem: string;
  readonly name?: string;
  /** Namespace the webhook runs in: excluded from review by the namespaceSelector. */
  readonly namespace?: string;
  readonly timeoutSeconds?: number;
  readonly failurePolicy?: "Ignore" | "Fail";
  readonly operations?: readonly string[];
}

function clientConfig(target: WebhookTarget, path: string, caBundle: string): Record<string, unknown> {
  if ("url" in target) return { url: `${trimRight(target.url, "/")}${path}`, caBundle };
  const { name, namespace, port } = target.service;
  return { service: { name, namespace, path, port }, caBundle };
}

/**
 * A ValidatingWebhookConfiguration with Gatekeeper's defaults: `validation.gatekeeper.sh` at
 * `/v1/admit` (failurePolicy Ignore, 3 s, CREATE+UPDATE, all resources plus Gatekeeper's
 * subresources, v1+v1beta1, matchPolicy Exact, namespaces with the ignore label and the webhook's
 * own namespace skipped) and `check-ignore-label.gatekeeper.sh` at `/v1/admitlabel` (Namespaces,
 * failurePolicy Fail), with the CA bundle filled in.
 */
export function validatingWebhookConfiguration(options: WebhookConfigOptions): Record<string, unknown> {
  const caBundle = Buffer.from(options.caPem, "utf8").toString("base64");
  const namespace = options.namespace ?? VWC_DEFAULTS.namespace;
  const timeoutSeconds = options.timeoutSeconds ?? VWC_DEFAULTS.timeoutSeconds;
  const notOwnNamespace = { key: "kubernetes.io/metadata.name", operator: "NotIn", values: [namespace] };
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingWebhookConfiguration",
    metadata: { name: options.name ?? VWC_DEFAULTS.name, labels: { "gatekeeper.sh/system": "yes" } },
    webhooks: [
      {
        name: "validation.gatekeeper.sh",
        admissionReviewVersions: ["v1", "v1beta1"],
        clientConfig: clientConfig(options.target, "/v1/admit", caBundle),
        failurePolicy: options.failurePolicy ?? VWC_DEFAULTS.failurePolicy,
        matchPolicy: "Exact",
        namespaceSelector: {
          matchExpressions: [{ key: IGNORE_LABEL, operator: "DoesNotExist" }, notOwnNamespace],
        },
        rules: [
          {
            apiGroups: ["*"],
            apiVersions: ["*"],
            operations: [...(options.operations ?? VWC_DEFAULTS.operations)],
            resources: ["*", ...WEBHOOK_SUBRESOURCES],
          },
        ],
        sideEffects: "None",
        timeoutSeconds,
      },
      {
        name: "check-ignore-label.gatekeeper.sh",
        admissionReviewVersions: ["v1", "v1beta1"],
        clientConfig: clientConfig(options.target, "/v1/admitlabel", caBundle),
        failurePolicy: "Fail",
        matchPolicy: "Exact",
        namespaceSelector: { matchExpressions: [notOwnNamespace] },
        rules: [
          {
            apiGroups: [""],
            apiVersions: ["*"],
            operations: ["CREATE", "UPDATE"],
            resources: ["namespaces"],
          },
        ],
        sideEffects: "None",
        timeoutSeconds,
      },
    ],
  };
}
