import type { PeerCertificate } from "node:tls";

/** Gatekeeper's default `--client-cn-name`: the name the API server's client certificate carries. */
export const DEFAULT_CLIENT_CN = "kube-apiserver";

/**
 * Authentication of the webhook's callers (Gatekeeper's `--client-ca-name` and
 * `--client-cn-name`): a client certificate signed by `ca` is required, and its subject's common
 * name must be `commonName`.
 */
export interface ClientAuth {
  /** PEM bundle of the CAs a caller's certificate must chain to. */
  readonly ca: string;
  /** The common name the caller's certificate must have. */
  readonly commonName: string;
}

/** The subject common name of a peer certificate (the first, when there are several). */
function commonNameOf(subject: PeerCertificate["subject"]): string | undefined {
  const cn: unknown = subject.CN;
  if (typeof cn === "string") return cn;
  if (Array.isArray(cn) && typeof cn[0] === "string") return cn[0];
  return undefined;
}

/**
 * Why a verified caller's certificate is not accepted (its common name is not `expected`), with
 * Gatekeeper's wording; undefined when it is. Node gives an empty object for no certificate.
 */
export function clientIdentityProblem(cert: Partial<PeerCertificate>, expected: string): string | undefined {
  if (cert.subject === undefined) return "failed to verify CN name of certificate";
  const cn = commonNameOf(cert.subject) ?? "";
  return cn === expected ? undefined : `x509: subject with cn=${cn} do not identify as ${expected}`;
}
