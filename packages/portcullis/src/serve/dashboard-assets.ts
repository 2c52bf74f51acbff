import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One file of the dashboard, ready to send. */
export interface DashboardAsset {
  readonly contentType: string;
  readonly body: string;
}

/** The dashboard's files by request path. */
export type DashboardFiles = ReadonlyMap<string, DashboardAsset>;

/**
 * packages/web beside this package. From `src/serve/` and from the bundle's `dist/bin/` alike,
 * two levels below the package.
 */
export const WEB_PACKAGE_DIR = fileURLToPath(new URL("../../../web/", import.meta.url));

const HTML = "text/html; charset=utf-8";
const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

/** Paths the dashboard answers, and the file each one is. */
export function dashboardPath(path: string): string | undefined {
  if (path === "/" || path === "/index.html") return "/index.html";
  if (path === "/app.js" || path === "/app.css") return path;
  return undefined;
}

/** Why the dashboard could not be built. */
export class DashboardBuildError extends Error {
  readonly code = "dashboard_build_failed";
}

async function bundleScript(webDir: string): Promise<string> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch (e: unknown) {
    throw new DashboardBuildError(
      `the dashboard is built with esbuild, which is not installed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  try {
    const out = await esbuild.build({
      entryPoints: [join(webDir, "src", "main.ts")],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      legalComments: "none",
      logLevel: "silent",
    });
    const file = out.outputFiles[0];
    if (file === undefined) throw new DashboardBuildError("esbuild wrote no dashboard script");
    return file.text;
  } catch (e: unknown) {
    if (e instanceof DashboardBuildError) throw e;
    throw new DashboardBuildError(
      `building the dashboard failed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/**
 * Builds the dashboard from packages/web: its page and style as they are, its TypeScript
 * bundled by esbuild in memory. Takes about a tenth of a second; `serve` does it once, on the
 * first request for the dashboard.
 */
export async function buildDashboard(webDir: string = WEB_PACKAGE_DIR): Promise<DashboardFiles> {
  const [html, css, js] = await Promise.all([
    readFile(join(webDir, "src", "index.html"), "utf8"),
    readFile(join(webDir, "src", "app.css"), "utf8"),
    bundleScript(webDir),
  ]);
  return new Map([
    ["/index.html", { contentType: HTML, body: html }],
    ["/app.css", { contentType: CSS, body: css }],
    ["/app.js", { contentType: JS, body: js }],
  ]);
}

/** The dashboard's files, built on first use and kept; a failed build is tried again next time. */
export class DashboardAssets {
  private files: Promise<DashboardFiles> | undefined;

  constructor(private readonly build: () => Promise<DashboardFiles> = () => buildDashboard()) {}

  /** The file for a request path; undefined when the path is not the dashboard's. */
  async get(path: string): Promise<DashboardAsset | undefined> {
    const file = dashboardPath(path);
    if (file === undefined) return undefined;
    if (this.files === undefined) {
      const building = this.build();
      this.files = building;
      building.catch(() => {
        if (this.files === building) this.files = undefined;
      });
    }
    return (await this.files).get(file);
  }
}
