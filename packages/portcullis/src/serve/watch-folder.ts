import { type FSWatcher, statSync, watch } from "node:fs";

/**
 * Calls `onChange` once things under `path` (a folder, watched recursively, or a file) stop
 * changing for `debounceMs`. Returns a function that stops watching. Watch failures go to
 * `onError`; the caller's periodic work goes on without the watch.
 */
export function watchFolder(
  path: string,
  onChange: () => void,
  onError: (e: unknown) => void,
  debounceMs = 200,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const changed = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  };
  try {
    watcher = watch(path, { recursive: statSync(path).isDirectory() }, changed);
    watcher.on("error", onError);
  } catch (e: unknown) {
    onError(e);
  }
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    watcher?.close();
  };
}
