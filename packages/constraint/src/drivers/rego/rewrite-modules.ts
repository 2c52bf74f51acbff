import type { Location, Module, RefTerm, Term } from "@portcullis/rego";
import { mapModule } from "./ast-walk.js";

/** Root under `data` where templates' modules are placed. */
export const TEMPLATES_ROOT = "gk_templates";

/** A problem found while checking a template's modules. */
export interface RewriteProblem {
  readonly code: "rego_data_ref" | "rego_bad_import" | "rego_lib_package";
  readonly message: string;
  readonly location: Location | undefined;
}

function scalarString(t: Term | undefined): string | undefined {
  return t?.type === "scalar" && typeof t.value === "string" ? t.value : undefined;
}

function headVar(ref: RefTerm): string | undefined {
  const h = ref.terms[0];
  return h?.type === "var" ? h.name : undefined;
}

/** `data.a.b[x]` as written. */
export function refText(terms: readonly Term[]): string {
  let out = "";
  terms.forEach((t, i) => {
    if (i === 0) out += t.type === "var" ? t.name : "…";
    else if (t.type === "scalar" && typeof t.value === "string") {
      out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.value) ? `.${t.value}` : `[${JSON.stringify(t.value)}]`;
    } else if (t.type === "scalar") out += `[${String(t.value)}]`;
    else if (t.type === "var") out += `[${t.name}]`;
    else out += "[…]";
  });
  return out;
}

function scalar(value: string, loc: Location): Term {
  return { type: "scalar", value, loc };
}

/** The package path `data.<root>.<name>.<rest…>`. */
function privatePath(name: string, rest: readonly string[], loc: Location): RefTerm {
  return {
    type: "ref",
    terms: [
      { type: "var", name: "data", loc },
      scalar(TEMPLATES_ROOT, loc),
      scalar(name, loc),
      ...rest.map((s) => scalar(s, loc)),
    ],
    loc,
  };
}

/** Options of {@link rewriteTemplateModules}. */
export interface RewriteOptions {
  /**
   * Whether templates may read `data.inventory` (Gatekeeper's `--enable-referential-rules`,
   * default true); when false a reference to it is reported like any other `data` reference.
   */
  readonly referential?: boolean;
}

/**
 * Gatekeeper's Rego rewriting (b2) for one template: the entry module moves to
 * `data.gk_templates.<name>.template`; each lib must declare a package under `lib.` and moves
 * to `data.gk_templates.<name>.lib.…`, and every `data.lib…` reference (and import) follows it,
 * so libs are private to the template. Other `data` references than `data.inventory` and
 * `data.lib` are reported, as are imports of anything else than `data.lib…`,
 * `data.inventory…`, `future.keywords…` and `rego.v1`.
 */
export function rewriteTemplateModules(
  name: string,
  entry: Module,
  libs: readonly Module[],
  options: RewriteOptions = {},
): { modules: Module[]; problems: RewriteProblem[] } {
  const referential = options.referential !== false;
  const allowed = referential ? "data.inventory and data.lib" : "data.lib (referential rules are disabled)";
  const problems: RewriteProblem[] = [];
  for (const lib of libs) {
    const terms = lib.package.path.terms;
    if (scalarString(terms[1]) !== "lib" || terms.length < 3) {
      problems.push({
        code: "rego_lib_package",
        message: `lib package ${refText(terms)} must be under data.lib (e.g. "package lib.helpers")`,
        location: lib.package.loc,
      });
    }
  }
  const mapper = {
    ref(ref: RefTerm): RefTerm {
      if (headVar(ref) !== "data") return ref;
      const first = scalarString(ref.terms[1]);
      if (first === "inventory" && referential) return ref;
      if (first === "lib") {
        const loc = ref.loc;
        return { ...ref, terms: [...privatePath(name, [], loc).terms, ...ref.terms.slice(1)] };
      }
      problems.push({
        code: "rego_data_ref",
        message: `disallowed data reference ${refText(ref.terms)}: templates may only reference ${allowed}`,
        location: ref.loc,
      });
      return ref;
    },
    variable(t: Term & { type: "var" }): void {
      if (t.name === "data") {
        problems.push({
          code: "rego_data_ref",
          message: `disallowed data reference data: templates may only reference ${allowed}`,
          location: t.loc,
        });
      }
    },
  };
  const checkImports = (m: Module): void => {
    for (const imp of m.imports) {
      const head = headVar(imp.path);
      const first = scalarString(imp.path.terms[1]);
      const ok =
        (head === "data" &&
          (first === "lib" || (first === "inventory" && referential)) &&
          imp.path.terms.length > 1) ||
        (head === "future" && first === "keywords") ||
        (head === "rego" && first === "v1" && imp.path.terms.length === 2);
      if (!ok) {
        problems.push({
          code: "rego_bad_import",
          message: `bad import ${refText(imp.path.terms)}: templates may import only data.lib…, data.inventory…, future.keywords… and rego.v1`,
          location: imp.loc,
        });
      }
    }
  };
  checkImports(entry);
  libs.forEach(checkImports);
  const modules = [mapModule(entry, mapper, privatePath(name, ["template"], entry.package.loc))];
  for (const lib of libs) {
    const rest = lib.package.path.terms.slice(1).map((t) => scalarString(t) ?? "");
    modules.push(mapModule(lib, mapper, privatePath(name, rest, lib.package.loc)));
  }
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.location?.file}:${p.location?.row}:${p.location?.col}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { modules, problems: unique };
}

/** The query of a template's violations, evaluated per constraint. */
export function violationQuery(name: string): string {
  return `violations := data.${TEMPLATES_ROOT}[${JSON.stringify(name)}].template.violation`;
}
