import type { ConstraintClient, ExternalDataBackend, JsonObject } from "@portcullis/constraint";
import { auditBackend } from "../external-data/external-data-service.js";
import type { PolicySet } from "./policy-loader.js";
import { type PageReview, reviewObjects } from "./review-objects.js";

/** Reviews pages of objects for an audit, in this thread or across worker threads. */
export interface Reviewer {
  /** Workers in use (0 for in-process). */
  readonly workers: number;
  /** Sets the policies to review against (workers rebuild their clients). */
  setPolicies(policies: PolicySet, fingerprint: string): Promise<void>;
  /** Sets the Namespace objects that namespaceSelector and `namespaceObject` see. */
  setNamespaces(namespaces: readonly JsonObject[]): Promise<void>;
  /** Reviews a part of a page; with `stats`, the page carries each object's template run times. */
  review(objects: readonly JsonObject[], stats?: boolean): Promise<PageReview>;
  close(): Promise<void>;
}

function nameOf(obj: JsonObject): string | undefined {
  const md = obj.metadata;
  if (typeof md !== "object" || md === null || !("name" in md)) return undefined;
  return typeof md.name === "string" ? md.name : undefined;
}

/** Index of Namespace objects by name. */
export function namespaceIndex(namespaces: readonly JsonObject[]): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const ns of namespaces) {
    const name = nameOf(ns);
    if (name !== undefined) out.set(name, ns);
  }
  return out;
}

/** Reviews in the calling thread with the caller's client (small audits, tests). */
export class InProcessReviewer implements Reviewer {
  readonly workers = 0;
  private namespaces = new Map<string, JsonObject>();
  private externalData: ExternalDataBackend | undefined;

  constructor(private readonly client: ConstraintClient) {}

  /** Reviews with the caller's client; only the policies' external data is taken from here. */
  async setPolicies(policies: PolicySet): Promise<void> {
    const wanted = policies.externalData;
    this.externalData = wanted === undefined ? undefined : auditBackend(wanted.providers, wanted.settings);
  }

  async setNamespaces(namespaces: readonly JsonObject[]): Promise<void> {
    this.namespaces = namespaceIndex(namespaces);
  }

  async review(objects: readonly JsonObject[], stats = false): Promise<PageReview> {
    const ns = this.namespaces;
    return reviewObjects(this.client, objects, (name) => ns.get(name), stats, this.externalData);
  }

  async close(): Promise<void> {}
}
