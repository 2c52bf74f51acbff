import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * The manifest files (`.yaml`, `.yml`, `.json`) under `path`, recursively and sorted; `path`
 * itself when it is a file. Hidden entries are skipped. Throws when `path` does not exist.
 */
export function manifestFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  const out: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && MANIFEST.test(e.name)) out.push(p);
    }
  };
  walk(path);
  return out;
}
