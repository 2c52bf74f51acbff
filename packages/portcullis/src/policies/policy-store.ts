import { type FSWatcher, watch } from "node:fs";
import { buildPolicySet, type PolicySet, type PolicySetOptions } from "./policy-set.js";
import { readPolicyFiles } from "./read-policy-files.js";

/** Options of a {@link PolicyStore}. */
export interface PolicyStoreOptions extends PolicySetOptions {
  /** Called after every successful (re)load, with the time it took. */
  readonly onLoad?: (set: PolicySet, ms: number) => void;
  /** Called when the directory cannot be read or watched; the previous policies stay in force. */
  readonly onError?: (e: unknown) => void;
  /** Quiet time after a change before reloading (default 200 ms). */
  readonly debounceMs?: number;
}

/**
 * The policies being served, loaded from a directory: `load()` reads it once; `watch()` reloads
 * on every change (debounced, one reload at a time). A reload swaps in a whole new policy set, so
 * a review always sees one consistent set.
 */
export class PolicyStore {
  private set: PolicySet | undefined;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<PolicySet | undefined> | undefined;
  private pending = false;

  constructor(
    readonly dir: string,
    private readonly options: PolicyStoreOptions = {},
  ) {}

  /** The policies in force, undefined before the first load. */
  get current(): PolicySet | undefined {
    return this.set;
  }

  /** Reads and builds the directory's policies and puts them in force. Throws when the directory is unreadable. */
  async load(): Promise<PolicySet> {
    const started = performance.now();
    const { documents, problems } = await readPolicyFiles(this.dir);
    const built = buildPolicySet(documents, this.options);
    const set: PolicySet = { ...built, problems: [...problems, ...built.problems] };
    this.set = set;
    this.options.onLoad?.(set, performance.now() - started);
    return set;
  }

  /** Starts reloading on changes under the directory. */
  watch(): void {
    if (this.watcher !== undefined) return;
    try {
      this.watcher = watch(this.dir, { recursive: true }, () => this.schedule());
      this.watcher.on("error", (e) => this.options.onError?.(e));
    } catch (e: unknown) {
      this.options.onError?.(e);
    }
  }

  /** Stops watching. */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  /** Reloads now (or right after the reload in progress); resolves when done, undefined on failure. */
  reload(): Promise<PolicySet | undefined> {
    if (this.loading !== undefined) {
      this.pending = true;
      return this.loading;
    }
    this.loading = this.load()
      .catch((e: unknown) => {
        this.options.onError?.(e);
        return undefined;
      })
      .finally(() => {
        this.loading = undefined;
        if (this.pending) {
          this.pending = false;
          void this.reload();
        }
      });
    return this.loading;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, this.options.debounceMs ?? 200);
  }
}
