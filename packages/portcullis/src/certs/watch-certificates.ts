import { type FSWatcher, watch } from "node:fs";
import { readCertificates, type ServingCertificates } from "./cert-dir.js";

/**
 * Watches a certificate directory and calls `onChange` with the new, validated pair when tls.crt
 * or tls.key change (including Kubernetes' symlink swap of mounted secrets). Invalid or half-written
 * files are reported to `onError` and the old certificate stays in use. Returns a stop function.
 */
export function watchCertificates(
  dir: string,
  onChange: (certs: ServingCertificates) => void,
  onError: (e: unknown) => void,
  debounceMs = 200,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let last: string | undefined;
  try {
    const current = readCertificates(dir);
    last = current.cert + current.key;
  } catch {
    last = undefined;
  }
  const reload = (): void => {
    timer = undefined;
    try {
      const next = readCertificates(dir);
      const fingerprint = next.cert + next.key;
      if (fingerprint === last) return;
      last = fingerprint;
      onChange(next);
    } catch (e: unknown) {
      onError(e);
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(reload, debounceMs);
    });
    watcher.on("error", onError);
  } catch (e: unknown) {
    onError(e);
  }
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    watcher?.close();
  };
}
