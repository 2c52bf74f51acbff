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
import { codeEngines } from "../policies/template-engines.js";

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
  return codeEngines(template).has(CEL_ENGINE);
}

/** True when a ConstraintTemplate document has Rego: a legacy `rego` field or `Rego` code. */
export function templateHasRego(template: JsonObject): boolean {
  return codeEngines(template).has(REGO_ENGINE);
}
