import type { JsonObject } from "./driver.js";
import { ReviewError } from "./errors.js";
import { isObject, objectAt, stringAt } from "./json-util.js";

type Tree = Record<string, unknown>;

/**
 * `data.inventory` (b2): `cluster[<groupVersion>][<Kind>][<name>]` and
 * `namespace[<ns>][<groupVersion>][<Kind>][<name>]`, updated in place as objects are added and removed.
 */
export class Inventory {
  private readonly root: Tree = {};
  private count = 0;
  /** The objects held, by inventory path, in the order they were first added. */
  private readonly held = new Map<string, unknown>();

  /** The `data.inventory` document, or undefined when empty (as in OPA's store). */
  get value(): JsonObject | undefined {
    return this.count === 0 ? undefined : this.root;
  }

  /** Number of objects held. */
  get size(): number {
    return this.count;
  }

  /** Adds or replaces an object. Throws when it has no apiVersion, kind or name. */
  add(obj: unknown): void {
    const path = inventoryPath(obj);
    let node = this.root;
    for (const key of path.slice(0, -1)) {
      let next = node[key];
      if (!isObject(next)) {
        next = {};
        node[key] = next;
      }
      node = next as Tree;
    }
    const last = path[path.length - 1] ?? "";
    if (!(last in node)) this.count++;
    node[last] = obj;
    this.held.set(path.join("\u0000"), obj);
  }

  /** The objects held (as added), e.g. to give another client the same `data.inventory`. */
  objects(): unknown[] {
    return [...this.held.values()];
  }

  /** Removes an object (by apiVersion, kind, namespace and name); pruning empty branches. */
  remove(obj: unknown): boolean {
    const path = inventoryPath(obj);
    const removed = removePath(this.root, path, 0);
    if (removed) {
      this.count--;
      this.held.delete(path.join("\u0000"));
    }
    return removed;
  }

  /** Removes everything. */
  clear(): void {
    for (const k of Object.keys(this.root)) delete this.root[k];
    this.count = 0;
    this.held.clear();
  }
}

function removePath(node: Tree, path: readonly string[], i: number): boolean {
  const key = path[i];
  if (key === undefined || !Object.hasOwn(node, key)) return false;
  if (i === path.length - 1) {
    delete node[key];
    return true;
  }
  const child = node[key];
  if (!isObject(child)) return false;
  const removed = removePath(child, path, i + 1);
  if (removed && Object.keys(child).length === 0) delete node[key];
  return removed;
}

/** The inventory path of an object. */
export function inventoryPath(obj: unknown): string[] {
  const apiVersion = stringAt(obj, "apiVersion") ?? "";
  const kind = stringAt(obj, "kind") ?? "";
  const md = objectAt(obj, "metadata");
  const name = stringAt(md, "name") ?? "";
  if (apiVersion === "") throw new ReviewError("review_malformed", `resource ${name} has no version`);
  if (kind === "") throw new ReviewError("review_malformed", `resource ${name} has no kind`);
  if (name === "")
    throw new ReviewError(
      "review_malformed",
      `a ${kind} without metadata.name cannot be added to the inventory`,
    );
  const namespace = stringAt(md, "namespace") ?? "";
  return namespace === ""
    ? ["cluster", apiVersion, kind, name]
    : ["namespace", namespace, apiVersion, kind, name];
}
