import type { GoRegexp } from "@portcullis/constraint";
import type { Location, Module, Rule, Term } from "@portcullis/rego";
import { refName } from "./query-plan.js";

/** Rules whose name starts with this are tests. */
export const TEST_PREFIX = "test_";
/** Rules whose name starts with this are tests to skip (reported SKIPPED). */
export const SKIP_PREFIX = "todo_test_";

/** One test: one rule definition. */
export interface TestCase {
  readonly file: string;
  /** `data.a.b`. */
  readonly pkg: string;
  /** The rule's head as shown: `test_x`, or `test_x#01` for the second rule of that name in the package. */
  readonly name: string;
  /** Path of the rule's document below `data`. */
  readonly path: readonly string[];
  readonly location: Location;
  readonly skip: boolean;
}

/** Tests found in modules, and the modules with duplicate test names rewritten so each runs alone. */
export interface DiscoveredTests {
  readonly modules: readonly Module[];
  readonly cases: readonly TestCase[];
}

/**
 * Finds tests as `opa test` does: modules in file-name order, rules in source order; a rule is a
 * test when a name in its head's ground prefix starts with `test_` (`todo_test_`: skipped). Each
 * definition is its own test: the second and later rules of one name in a package are renamed
 * `name#01`, `name#02`, … (OPA's `rewriteDuplicateTestNames`). `filter` (OPA's `--run`) is matched
 * against `data.pkg.name`.
 */
export function discoverTests(modules: readonly Module[], filter?: GoRegexp): DiscoveredTests {
  const sorted = [...modules].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const seen = new Map<string, number>();
  const cases: TestCase[] = [];
  const rewritten = sorted.map((module): Module => {
    const pkgName = refName(module.package.path);
    if (pkgName === undefined) return module;
    const pkgPath = pkgName.split(".").slice(1);
    let changed = false;
    const rules = module.rules.map((rule): Rule => {
      const found = testName(rule);
      if (found === undefined) return rule;
      const { index, prefix } = found;
      let names = prefix;
      let out = rule;
      const last = names[index] as string;
      const key = [pkgName, ...names].join(".");
      if (last.startsWith(TEST_PREFIX)) {
        const count = seen.get(key);
        seen.set(key, (count ?? 0) + 1);
        if (count !== undefined) {
          const renamed = `${last}#${String(count).padStart(2, "0")}`;
          names = names.map((n, i) => (i === index ? renamed : n));
          out = renameHead(rule, index, renamed);
          changed = true;
        }
      }
      const name = names.join(".");
      if (filter === undefined || filter.test(`${pkgName}.${name}`)) {
        cases.push({
          file: module.file,
          pkg: pkgName,
          name,
          path: [...pkgPath, ...names],
          location: rule.loc,
          skip: last.startsWith(SKIP_PREFIX),
        });
      }
      return out;
    });
    return changed ? { ...module, rules } : module;
  });
  return { modules: rewritten, cases };
}

/** The head's ground prefix up to the first name that marks a test, or undefined for other rules. */
function testName(rule: Rule): { index: number; prefix: string[] } | undefined {
  const prefix: string[] = [];
  for (const [i, t] of rule.head.ref.entries()) {
    const name = groundName(t, i);
    if (name === undefined) return undefined;
    prefix.push(name);
    if (name.startsWith(TEST_PREFIX) || name.startsWith(SKIP_PREFIX)) return { index: i, prefix };
  }
  return undefined;
}

function groundName(t: Term, index: number): string | undefined {
  if (index === 0 && t.type === "var") return t.name;
  if (index > 0 && t.type === "scalar" && typeof t.value === "string") return t.value;
  return undefined;
}

function renameHead(rule: Rule, index: number, name: string): Rule {
  const ref = rule.head.ref.map((t, i): Term => {
    if (i !== index) return t;
    return index === 0 ? { type: "var", name, loc: t.loc } : { type: "scalar", value: name, loc: t.loc };
  });
  return { ...rule, head: { ...rule.head, ref } };
}
