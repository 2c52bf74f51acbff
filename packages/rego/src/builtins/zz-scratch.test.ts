import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { fromJs } from "../value/json.js";
import { valuesEqual, type Value } from "../value/value.js";
import { formatValue } from "../value/format.js";
import { tokensBuiltins } from "./tokens.js";
import { testContext } from "./test-context.js";

const cases = JSON.parse(readFileSync("/tmp/scratch/cases.json", "utf8")) as {
  note: string; name: string; args: unknown[]; want_result?: { x: unknown }[]; want_error?: string;
}[];
const all = [...tokensBuiltins];
test("scratch", () => {
  const report: string[] = [];
  for (const c of cases) {
    const def = all.find((d) => d.decl.name === c.name);
    if (!def) { report.push(`NO BUILTIN ${c.name}`); continue; }
    let got: Value | undefined;
    let err: string | undefined;
    try { got = def.impl(c.args.map(fromJs), testContext()); } catch (e: unknown) { err = (e as Error).message; }
    if (c.want_error != null) {
      if (err === undefined || !err.includes(c.want_error.replace(/^[a-z._]+: /, ""))) report.push(`FAIL ${c.note}: want error ${c.want_error}, got ${err ?? formatValue(got ?? null)}`);
    } else if (c.want_result) {
      const want = c.want_result[0]?.x;
      if (err !== undefined) report.push(`FAIL ${c.note}: error ${err}`);
      else if (want === undefined || !valuesEqual(fromJs(want), got ?? null)) report.push(`MISMATCH ${c.note}: got ${formatValue(got ?? null).slice(0, 300)} want ${JSON.stringify(want).slice(0, 300)}`);
    }
  }
  console.log(report.join("\n"), `\n${cases.length} cases, ${report.length} issues`);
  expect(true).toBe(true);
});
