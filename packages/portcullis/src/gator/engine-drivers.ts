import {
  arrayAt,
  CEL_ENGINE,
  type CompiledTemplate,
  celDriver,
  type Driver,
  type EngineChoice,
  type JsonObject,
  objectAt,
  REGO_ENGINE,
  regoDriver,
  stringAt,
} from "@portcullis/constraint";

/** The `--engine` values. */
export const ENGINE_CHOICES: readonly EngineChoice[] = ["auto", "rego", "cel"];

/** True for a valid `--engine` value. */
export function isEngineChoice(s: string): s is EngineChoice {
  return (ENGINE_CHOICES as readonly string[]).includes(s);
}

/**
 * Wraps a driver so that a template compiled once is reused while the wrapper lives (verify
 * compiles the same template for every test of a suite). Compiled templates are stateless
 * between reviews: constraints, review and inventory come with each call.
 */
export function memoizingDriver(driver: Driver): Driver {
  const compiled = new Map<string, CompiledTemplate>();
  return {
    engine: driver.engine,
    compile(template) {
      const key = JSON.stringify([template.kind, template.name, template.source]);
      let c = compiled.get(key);
      if (c === undefined) {
        c = driver.compile(template);
        compiled.set(key, c);
      }
      return c;
    },
  };
}

/** Both drivers (gator's default has `--enable-k8s-native-validation`), memoized when asked. */
export function gatorDrivers(memoize: boolean): readonly Driver[] {
  return memoize ? [memoizingDriver(regoDriver), memoizingDriver(celDriver)] : [regoDriver, celDriver];
}

/**
 * The engines a ConstraintTemplate document has code for: each target's `code[].engine`, and
 * `Rego` for a legacy non-empty `rego` field.
 */
function codeEngines(template: JsonObject): Set<string> {
  const engines = new Set<string>();
  for (const t of arrayAt(objectAt(template, "spec"), "targets") ?? []) {
    if ((stringAt(t, "rego") ?? "") !== "") engines.add(REGO_ENGINE);
    for (const c of arrayAt(t, "code") ?? []) {
      const engine = stringAt(c, "engine");
      if (engine !== undefined) engines.add(engine);
    }
  }
  return engines;
}

/** True when a ConstraintTemplate document has `K8sNativeValidation` code. */
export function templateHasCel(template: JsonObject): boolean {
  return codeEngines(template).has(CEL_ENGINE);
}

/** True when a ConstraintTemplate document has Rego: a legacy `rego` field or `Rego` code. */
export function templateHasRego(template: JsonObject): boolean {
  return codeEngines(template).has(REGO_ENGINE);
}
