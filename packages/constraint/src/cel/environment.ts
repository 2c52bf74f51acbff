/** The Kubernetes CEL environment on @bufbuild/cel, built once. */
import { type CelEnv, celEnv } from "@bufbuild/cel";
import { internalFunctions } from "./internal-functions.js";
import { ipFunctions } from "./lib-ip.js";
import { listFunctions } from "./lib-lists.js";
import { quantityFunctions } from "./lib-quantity.js";
import { CACHED_RE2, regexFunctions } from "./lib-regex.js";
import { semverFunctions } from "./lib-semver.js";
import { stringFunctions } from "./lib-strings.js";
import { urlFunctions } from "./lib-url.js";

let env: CelEnv | undefined;

/**
 * CEL's standard library (from @bufbuild/cel) plus the Kubernetes libraries: strings, lists, sets,
 * regex (RE2 via re2js), quantity, URL, IP, CIDR and semver.
 */
export function kubernetesEnv(): CelEnv {
  env ??= celEnv({
    funcs: [
      ...stringFunctions(),
      ...listFunctions(),
      ...regexFunctions(),
      ...quantityFunctions(),
      ...urlFunctions(),
      ...ipFunctions(),
      ...semverFunctions(),
      ...internalFunctions(),
    ],
    re2: CACHED_RE2,
  });
  return env;
}
