import {
  CEL_ENGINE,
  type CompiledTemplate,
  celDriver,
  type Driver,
  type EngineChoice,
  type JsonObject,
  REGO_ENGINE,
  regoDriver,
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

/** True when a ConstraintTemplate document has `K8sNativeValidation` code. */
export function templateHasCel(template: JsonObject): boolean {
  const spec = template.spec;
  const targets = typeof spec === "object" && spec !== null && "targets" in spec ? spec.targets : undefined;
  if (!Array.isArray(targets)) return false;
  for (const t of targets) {
    const code = typeof t === "object" && t !== null && "code" in t ? t.code : undefined;
    if (!Array.isArray(code)) continue;
    for (const c of code) {
      if (typeof c === "object" && c !== null && "engine" in c && c.engine === CEL_ENGINE) return true;
    }
  }
  return false;
}

/** True when a ConstraintTemplate document has Rego: a legacy `rego` field or `Rego` code. */
export function templateHasRego(template: JsonObject): boolean {
  const spec = template.spec;
  const targets = typeof spec === "object" && spec !== null && "targets" in spec ? spec.targets : undefined;
  if (!Array.isArray(targets)) return false;
  for (const t of targets) {
    if (typeof t !== "object" || t === null) continue;
    if ("rego" in t && typeof t.rego === "string" && t.rego !== "") return true;
    const code = "code" in t ? t.code : undefined;
    if (!Array.isArray(code)) continue;
    for (const c of code) {
      if (typeof c === "object" && c !== null && "engine" in c && c.engine === REGO_ENGINE) return true;
    }
  }
  return false;
}
