import { describe, expect, it } from "vitest";
import { RegoErrors } from "../errors.js";
import { parseModule, parseQuery } from "../syntax/parser.js";
import { gatekeeperSources, opaCases } from "../syntax/test-corpus.js";
import type { Module } from "./nodes.js";
import { printBody, printModule, printTerm } from "./print.js";

/** The parts of a module the printer reproduces, as canonical JSON. */
function shape(m: Module): string {
  return JSON.stringify({ package: m.package, imports: m.imports, rules: m.rules }, (k, v: unknown) => {
    if (k === "loc" || k === "annotations") return undefined;
    if (typeof v === "bigint") return `${v}n`;
    if (k === "name" && typeof v === "string" && v.startsWith("$_")) return "_";
    return v;
  });
}

function tryParse(text: string, regoVersion: 0 | 1): Module | undefined {
  try {
    return parseModule(text, { regoVersion });
  } catch (e: unknown) {
    if (e instanceof RegoErrors) return undefined;
    throw e;
  }
}

/** v0 modules may use `if`, `in`, `contains` or `every` as names, which v1 output cannot. */
const KEYWORD_AS_NAME = /unexpected (if|in|contains|every) keyword/;

describe("printer", () => {
  it("prints terms and bodies", () => {
    const t = parseQuery(
      'x := {"a": [1, -2.5, null], "b": {1}, "c": set()} | y; not f(x) with input as 1',
    )[0];
    expect(t && printBody([t])).toBe('x := ({"a": [1, -2.5, null], "b": {1}, "c": set()} | y)');
    const [, second] = parseQuery('x := 1; not f(x) with input as 1; some k, v in a.b["c d"]');
    expect(second && printBody([second])).toBe("not f(x) with input as 1");
    expect(
      printTerm({
        type: "template",
        parts: ["a{", { type: "var", name: "x", loc: { file: "", row: 1, col: 1, offset: 0 } }],
        raw: false,
        loc: { file: "", row: 1, col: 1, offset: 0 },
      }),
    ).toBe('$"a\\{{x}"');
  });

  it("prints rules in v1 syntax", () => {
    const m = parseModule("package a\np[x] { x = 1 }\nf(x) = 2 { true } else = 3 { false }\ndefault q = 1", {
      regoVersion: 0,
    });
    expect(printModule(m)).toBe(
      "package a\n\np contains x if {\n\tx = 1\n}\n\nf(x) = 2 if {\n\ttrue\n} else = 3 if {\n\tfalse\n}\n\ndefault q = 1\n",
    );
  });

  it("round-trips every corpus module: parse, print, parse gives the same AST", () => {
    const sources: { name: string; text: string; version: 0 | 1 }[] = [];
    for (const version of ["v0", "v1"] as const) {
      for (const c of opaCases(version)) {
        c.modules.forEach((text, i) => {
          sources.push({ name: `${c.file} ${c.note} #${i}`, text, version: version === "v0" ? 0 : 1 });
        });
      }
    }
    for (const s of gatekeeperSources()) sources.push({ ...s, version: 0 });
    const failures: string[] = [];
    let checked = 0;
    for (const s of sources) {
      const m = tryParse(s.text, s.version);
      if (m === undefined) continue;
      const printed = printModule(m);
      try {
        const again = parseModule(printed, { regoVersion: 1 });
        if (shape(again) !== shape(m)) failures.push(`${s.name}: differs after printing\n${printed}`);
        checked++;
      } catch (e: unknown) {
        if (e instanceof RegoErrors && s.version === 0 && KEYWORD_AS_NAME.test(e.message)) continue;
        failures.push(`${s.name}: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(3000);
  });
});
