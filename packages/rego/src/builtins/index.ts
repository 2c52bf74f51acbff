import { aggregatesBuiltins } from "./aggregates.js";
import { arithmeticBuiltins } from "./arithmetic.js";
import { arrayBuiltins } from "./array.js";
import { bitsBuiltins } from "./bits.js";
import { castsBuiltins } from "./casts.js";
import { comparisonBuiltins } from "./comparison.js";
import { cryptoBuiltins } from "./crypto.js";
import { cryptoHashBuiltins } from "./crypto-hash.js";
import { cryptoKeyBuiltins } from "./crypto-keys.js";
import { encodingBuiltins } from "./encoding.js";
import { globBuiltins } from "./glob.js";
import { graphqlBuiltins } from "./graphql.js";
import { graphsBuiltins } from "./graphs.js";
import { httpBuiltins } from "./http.js";
import { jsonBuiltins } from "./json.js";
import { membershipBuiltins, printBuiltins } from "./membership.js";
import { netBuiltins } from "./net.js";
import { numbersBuiltins } from "./numbers.js";
import { objectBuiltins } from "./object.js";
import { providersBuiltins } from "./providers.js";
import { randBuiltins } from "./rand.js";
import { regexBuiltins } from "./regex.js";
import { type BuiltinDef, BuiltinRegistry } from "./registry.js";
import { regoMetadataBuiltins } from "./rego-metadata.js";
import { regoParseBuiltins } from "./rego-parse.js";
import { runtimeBuiltins } from "./runtime.js";
import { semverBuiltins } from "./semver.js";
import { setsBuiltins } from "./sets.js";
import { stringsBuiltins } from "./strings.js";
import { timeBuiltins } from "./time.js";
import { tokensBuiltins } from "./tokens.js";
import { typeChecksBuiltins } from "./type-checks.js";
import { unitsBuiltins } from "./units.js";
import { uuidBuiltins } from "./uuid.js";

/** Every builtin family the engine ships. */
export const BUILTIN_FAMILIES: readonly (readonly BuiltinDef[])[] = [
  membershipBuiltins,
  printBuiltins,
  aggregatesBuiltins,
  arithmeticBuiltins,
  arrayBuiltins,
  bitsBuiltins,
  comparisonBuiltins,
  cryptoBuiltins,
  cryptoHashBuiltins,
  cryptoKeyBuiltins,
  encodingBuiltins,
  globBuiltins,
  numbersBuiltins,
  objectBuiltins,
  regexBuiltins,
  setsBuiltins,
  stringsBuiltins,
  timeBuiltins,
  tokensBuiltins,
  castsBuiltins,
  typeChecksBuiltins,
  unitsBuiltins,
  semverBuiltins,
  regoMetadataBuiltins,
  regoParseBuiltins,
  graphsBuiltins,
  graphqlBuiltins,
  httpBuiltins,
  providersBuiltins,
  randBuiltins,
  runtimeBuiltins,
  uuidBuiltins,
  jsonBuiltins,
  netBuiltins,
];

/** A registry with all of OPA's builtins the engine implements. */
export function defaultBuiltins(): BuiltinRegistry {
  return new BuiltinRegistry(BUILTIN_FAMILIES);
}
