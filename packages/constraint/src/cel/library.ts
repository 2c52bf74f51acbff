/** The function table of the Kubernetes CEL environment, built once. */
import { FunctionTable } from "./functions.js";
import { registerIP } from "./lib-ip.js";
import { registerLists } from "./lib-lists.js";
import { registerQuantity } from "./lib-quantity.js";
import { registerRegex } from "./lib-regex.js";
import { registerSemver } from "./lib-semver.js";
import { registerStrings } from "./lib-strings.js";
import { registerURL } from "./lib-url.js";
import { registerStdlib } from "./stdlib.js";
import { registerTime } from "./time.js";

let table: FunctionTable | undefined;

/** Standard functions plus the Kubernetes libraries (strings, lists, sets, regex, quantity, URL, IP, CIDR, semver). */
export function kubernetesFunctions(): FunctionTable {
  if (table === undefined) {
    const t = new FunctionTable();
    registerStdlib(t);
    registerTime(t);
    registerStrings(t);
    registerLists(t);
    registerRegex(t);
    registerQuantity(t);
    registerURL(t);
    registerIP(t);
    registerSemver(t);
    table = t;
  }
  return table;
}
