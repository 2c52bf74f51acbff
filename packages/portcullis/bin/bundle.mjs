// Keeps a bundled build of the CLI (and of its worker entries) next to the sources, rebuilt with
// esbuild whenever a source file is newer than it. A bundle starts in a fraction of the time that
// loading the TypeScript sources through tsx takes (docs/decisions/0004-bundled-cli.md).
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const PACKAGES = dirname(PACKAGE);
/** Same depth below the package as `src/cli/`, so `import.meta.url`-relative paths still hold. */
const OUT_DIR = join(PACKAGE, "dist", "bin");
const ENTRIES = {
  cli: "src/cli/main.ts",
  "audit-worker": "src/audit/audit-worker.ts",
  "store-worker": "src/store/store-worker.ts",
  "admission-worker": "src/serve/admission-worker.ts",
  "bench-worker": "src/policy-bench/bench-worker.ts",
};
/** Bumped when the build options change, so an old bundle is not taken for a fresh one. */
const BUILD_VERSION = "7";
const STAMP = join(OUT_DIR, `build-${BUILD_VERSION}.stamp`);

function newestSourceMtime() {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  try {
    // Dependencies changed (npm install): the bundle holds them too.
    newest = Math.max(newest, statSync(join(dirname(PACKAGES), "package-lock.json")).mtimeMs);
  } catch {
    // Not inside the repository's workspace.
  }
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith(".ts") || e.name.endsWith(".json"))
        newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const pkg of readdirSync(PACKAGES, { withFileTypes: true })) {
    if (!pkg.isDirectory()) continue;
    const root = join(PACKAGES, pkg.name);
    try {
      newest = Math.max(newest, statSync(join(root, "package.json")).mtimeMs);
      visit(join(root, "src"));
    } catch {
      // A folder that is not a package.
    }
  }
  return newest;
}

function isFresh() {
  try {
    return statSync(STAMP).mtimeMs >= newestSourceMtime();
  } catch {
    return false;
  }
}

async function build() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return false;
  }
  // Build beside the output and rename into place: concurrent starts never see half a bundle.
  const tmp = `${OUT_DIR}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const started = Date.now();
  try {
    await esbuild.build({
      entryPoints: Object.entries(ENTRIES).map(([out, src]) => ({ out, in: join(PACKAGE, src) })),
      outdir: tmp,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      // Commands load lazily: with chunks, `verify` never parses the webhook's or the store's code.
      splitting: true,
      chunkNames: "[name]-[hash]",
      platform: "node",
      format: "esm",
      target: "node20",
      external: ["better-sqlite3", "esbuild", "tsx"],
      banner: {
        js: "import { createRequire as __portcullisRequire } from 'node:module'; const require = __portcullisRequire(import.meta.url);",
      },
      logLevel: "error",
    });
    for (const name of readdirSync(tmp)) latin1Source(join(tmp, name));
    mkdirSync(OUT_DIR, { recursive: true });
    // Chunks first (content-hashed names, so never replaced while in use), then the entries.
    const entries = new Set(Object.keys(ENTRIES).map((e) => `${e}.mjs`));
    const built = readdirSync(tmp);
    for (const name of built) if (!entries.has(name)) renameSync(join(tmp, name), join(OUT_DIR, name));
    for (const name of built) if (entries.has(name)) renameSync(join(tmp, name), join(OUT_DIR, name));
    // The stamp carries the start time: a source saved during the build makes the next run rebuild.
    const stamp = join(tmp, "stamp");
    writeFileSync(stamp, "");
    utimesSync(stamp, started / 1000, started / 1000);
    renameSync(stamp, STAMP);
    removeStale(new Set(built));
    return true;
  } catch {
    return false;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * V8 keeps a module's source text for as long as the module lives, as a two-byte string when any
 * character of it is outside Latin-1. esbuild's output is ASCII except in the comments it keeps,
 * where a handful of such characters doubled the largest chunks in memory, in every thread that
 * loads them; escaped, they read the same in a comment.
 */
function latin1Source(file) {
  const text = readFileSync(file, "utf8");
  const escaped = text.replace(
    /[\u0100-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  if (escaped !== text) writeFileSync(file, escaped);
}

/** Files of earlier builds are kept this long, for processes that still load their chunks. */
const STALE_AFTER_MS = 10 * 60 * 1000;

/** Removes what earlier builds left (chunks, entries and stamps no longer written), once stale. */
function removeStale(current) {
  const cutoff = Date.now() - STALE_AFTER_MS;
  for (const name of readdirSync(OUT_DIR)) {
    const path = join(OUT_DIR, name);
    if (current.has(name) || path === STAMP) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // Removed by a concurrent build.
    }
  }
}

/**
 * The path of the bundled CLI, built first when missing or older than the sources; undefined
 * when it cannot be built (no esbuild installed), and the caller should load the sources.
 */
export async function bundledCli() {
  if (process.env.PORTCULLIS_FROM_SOURCE === "1") return undefined;
  if (isFresh() || (await build())) return join(OUT_DIR, "cli.mjs");
  return undefined;
}
