import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCaseFiles, readCases } from "./opa-cases.js";
import { runCase } from "./opa-run-case.js";

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../cases");

describe("our own cases in OPA's schema (test/cases)", () => {
  for (const file of findCaseFiles(dir)) {
    for (const c of readCases(dir, file)) {
      it(`${c.file}: ${c.note}`, () => {
        const r = runCase(c);
        expect(r.message).toBe("");
        expect(r.ok).toBe(true);
      });
    }
  }
});
