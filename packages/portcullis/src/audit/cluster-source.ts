import { isObject } from "@portcullis/constraint";
import {
  type ListableResource,
  listableResources,
  listPath,
  preferredGroupVersions,
} from "../kube/discovery.js";
import { KubeApiError } from "../kube/kube-api.js";
import {
  kindKey,
  type ObjectKind,
  type ObjectPage,
  type ObjectSource,
  type SourceProblem,
} from "./object-source.js";

/** What a cluster source reads: JSON at API paths (a {@link KubeApi}). */
export interface KubeReader {
  readonly server: string;
  get(path: string): Promise<unknown>;
}

/**
 * The objects of a Kubernetes cluster, as Gatekeeper's audit lists them: every kind discovery
 * says can be listed (the preferred version of each group, subresources left out), in pages of
 * the chunk size with the server's `continue` tokens. A group whose discovery fails is a problem
 * of the audit, not its end, as Gatekeeper tolerates partial discovery. List items get the
 * `apiVersion` and `kind` the API server leaves out of them.
 */
export class ClusterSource implements ObjectSource {
  private resources = new Map<string, ListableResource>();
  private found: SourceProblem[] = [];

  constructor(private readonly api: KubeReader) {}

  async kinds(): Promise<readonly ObjectKind[]> {
    const resources = new Map<string, ListableResource>();
    const problems: SourceProblem[] = [];
    const add = (list: readonly ListableResource[]): void => {
      for (const r of list) if (!resources.has(kindKey(r))) resources.set(kindKey(r), r);
    };
    add(listableResources("", "v1", await this.api.get("/api/v1")));
    for (const { group, version } of preferredGroupVersions(await this.api.get("/apis"))) {
      try {
        add(listableResources(group, version, await this.api.get(`/apis/${group}/${version}`)));
      } catch (e: unknown) {
        if (!(e instanceof KubeApiError)) throw e;
        problems.push({ message: `discovery of ${group}/${version} failed: ${e.message}` });
      }
    }
    this.resources = resources;
    this.found = problems;
    return [...resources.values()].map(({ group, version, kind }) => ({ group, version, kind }));
  }

  async list(
    kind: ObjectKind,
    options: { readonly limit: number; readonly continue?: string },
  ): Promise<ObjectPage> {
    const r = this.resources.get(kindKey(kind));
    if (r === undefined) return { objects: [] };
    const answer = await this.api.get(listPath(r, options.limit, options.continue));
    const items = isObject(answer) && Array.isArray(answer.items) ? answer.items : [];
    const apiVersion = r.group === "" ? r.version : `${r.group}/${r.version}`;
    const objects = items.filter(isObject).map((o) => ({ apiVersion, kind: r.kind, ...o }));
    const metadata = isObject(answer) && isObject(answer.metadata) ? answer.metadata : {};
    const cont =
      typeof metadata.continue === "string" && metadata.continue !== "" ? metadata.continue : undefined;
    return cont === undefined ? { objects } : { objects, continue: cont };
  }

  problems(): readonly SourceProblem[] {
    return this.found;
  }
}
