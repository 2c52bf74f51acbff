/**
 * End to end, in a browser: `portcullis serve --objects DIR` audits the seed scenario's bad Istio
 * Policy (read from ../shared at test time), and its web dashboard, opened in Debian's Chromium
 * through playwright-core, lists the template, the constraint and that violation (the seed
 * scenario's fourth point). Without Chromium the test is skipped, except in CI, where .ci/run
 * installs it and its absence fails the run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServeProcess, startServe } from "./serve-process.js";

const REPO = resolve(import.meta.dirname, "../..");
const SEED = resolve(REPO, "../shared/scenarios/seed-istio-mtls");
const MESSAGE = "Policy app-policy-demo.default spec.peers must include [{mtls: {}, mode: STRICT}]";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM && process.env.CI === "true")
  throw new Error(`the dashboard's browser test needs Chromium at ${CHROMIUM} (CHROMIUM_PATH)`);

const work = mkdtempSync(join(tmpdir(), "portcullis-dashboard-"));
let server: ServeProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let base = "";

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const policies = join(work, "policies");
  const objects = join(work, "objects");
  mkdirSync(policies);
  mkdirSync(objects);
  for (const f of ["template.yaml", "constraint.yaml"])
    writeFileSync(join(policies, f), readFileSync(join(SEED, f)));
  writeFileSync(join(objects, "bad.yaml"), readFileSync(join(SEED, "bad-app-policy.yaml")));
  server = await startServe(
    ["--policies", policies, "--objects", objects, "--data-dir", join(work, "data"), "--audit-workers", "0"],
    join(work, "certs"),
  );
  base = `http://127.0.0.1:${server.apiPort ?? 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Opens a dashboard route and waits until its page has rendered its data. */
async function open(hash: string, name: string): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.locator(`[data-page="${name}"][data-ready="true"]`).waitFor({ timeout: 20000 });
}

/** Reloads a route until `check` holds: the first audit may still be running. */
async function openUntil(hash: string, name: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20000;
  for (;;) {
    await open(hash, name);
    if ((await check()) || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function rows(table: string) {
  return page.locator(`[data-table="${table}"] tbody tr[data-row]`);
}

/** The cells' texts of a table's first row. */
function firstRow(table: string): Promise<string[]> {
  return rows(table).first().locator("td").allTextContents();
}

async function textOf(selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? "";
}

describe.skipIf(!HAVE_CHROMIUM)("the web dashboard", () => {
  it("lists the seed template with its constraint and violation count", async () => {
    await openUntil("#/templates", "templates", async () => (await firstRow("templates")).includes("1"));
    expect(await rows("templates").count()).toBe(1);
    const row = await firstRow("templates");
    expect(row.join(" ")).toContain("PolicyStrictOnly");
    expect(row.join(" ")).toContain("Rego");
    expect(row).toContain("1");
    await expect(page.locator('[role="alert"]').count()).resolves.toBe(0);
  });

  it("shows the template's Rego and its constraint", async () => {
    await open("#/templates/policystrictonly", "template");
    expect(await textOf('[data-page="template"]')).toContain("package istio.policystrictonly");
    expect((await firstRow("template-constraints")).join(" ")).toContain("policy-strict-constraint");
  });

  it("lists the constraint as deny with one violation", async () => {
    await open("#/constraints", "constraints");
    const row = await firstRow("constraints");
    expect(row.join(" ")).toContain("policy-strict-constraint");
    expect(row.join(" ")).toContain("deny");
    expect(row).toContain("1");
  });

  it("shows the violation under its constraint and in the violations list, with the seed's message", async () => {
    await open("#/constraints/PolicyStrictOnly/policy-strict-constraint", "constraint");
    expect(await rows("violations").count()).toBe(1);
    const row = (await firstRow("violations")).join(" ");
    expect(row).toContain(MESSAGE);
    expect(row).toContain("app-policy-demo");

    await open("#/violations?namespace=default", "violations");
    expect(await rows("violations").count()).toBe(1);
    expect((await firstRow("violations")).join(" ")).toContain(MESSAGE);
    await open("#/violations?namespace=nowhere", "violations");
    expect(await rows("violations").count()).toBe(0);
  });

  it("shows the last audit on the overview, and an error for an unknown constraint", async () => {
    await open("#/", "overview");
    expect(await textOf('[data-page="overview"]')).toContain("app-policy-demo");
    expect(await rows("audits").count()).toBeGreaterThanOrEqual(1);
    expect(await textOf('[data-section="config"]')).toContain("No Config");

    await page.goto(`${base}/#/constraints/PolicyStrictOnly/nope`);
    await page.locator('[role="alert"]').first().waitFor({ timeout: 20000 });
    expect(await textOf('[role="alert"]')).toContain("no constraint PolicyStrictOnly/nope");
  });

  it("reviews the seed's bad and good Policies as the webhook would, with a trace", async () => {
    await open("#/review", "review");
    expect(await page.locator('[data-nav="review"]').getAttribute("aria-current")).toBe("page");
    const bad = readFileSync(join(SEED, "bad-app-policy.yaml"), "utf8");
    const good = readFileSync(join(SEED, "good-app-policy.yaml"), "utf8");
    const text = `${bad.trimEnd()}\n---\n${good}`;
    const results = page.locator('[data-page="review"] .review-results');
    await page.locator('[data-field="text"]').fill(text);
    await page.locator('[data-field="trace"]').check();
    await page.locator('[data-form="review"] button[type="submit"]').click();
    await results.and(page.locator('[data-state="done"]')).waitFor({ timeout: 20000 });

    expect(await page.locator("[data-review]").count()).toBe(2);
    const first = page.locator('[data-review="1"]');
    expect(await first.locator("h2").textContent()).toContain("Policy default/app-policy-demo");
    expect(await first.locator("[data-verdict]").textContent()).toBe("Denied 403");
    expect(await first.locator('[data-field="message"]').textContent()).toBe(
      `[policy-strict-constraint] ${MESSAGE}`,
    );
    const row = first.locator('[data-table="review-results"] tbody tr[data-row]');
    expect(await row.count()).toBe(1);
    expect(await row.locator("td").allTextContents()).toEqual([
      "PolicyStrictOnly",
      "policy-strict-constraint",
      "deny",
      MESSAGE,
    ]);
    expect(
      await row.locator('a[href="#/constraints/PolicyStrictOnly/policy-strict-constraint"]').count(),
    ).toBe(1);
    const trace = first.locator("details[data-trace]");
    expect(await trace.locator("summary").textContent()).toBe("Trace");
    expect(await trace.locator("pre.trace").textContent()).toContain(
      "Trace of PolicyStrictOnly policy-strict-constraint:",
    );
    await trace.locator("summary").click();
    expect(await trace.locator("pre.trace").isVisible()).toBe(true);

    const second = page.locator('[data-review="2"]');
    expect(await second.locator("[data-verdict]").textContent()).toBe("Allowed");
    expect(await second.locator('[data-table="review-results"] tbody tr[data-row]').count()).toBe(0);
    expect(await page.locator('[data-field="text"]').inputValue()).toBe(text);
    await expect(page.locator('[role="alert"]').count()).resolves.toBe(0);

    await page.locator('[data-field="text"]').fill("a: [b");
    await page.locator('[data-form="review"] button[type="submit"]').click();
    await results.and(page.locator('[data-state="error"]')).waitFor({ timeout: 20000 });
    expect(await textOf('[data-page="review"] [role="alert"]')).toContain("text:1");
    expect(await page.locator("[data-review]").count()).toBe(0);
    expect(await page.locator('[data-field="text"]').inputValue()).toBe("a: [b");
    expect(await page.locator('[data-field="trace"]').isChecked()).toBe(true);
  });
});
