/** @portcullis/constraint: Gatekeeper's constraint framework — templates, constraints, match, drivers, reviews, gator suites. */
export * from "./driver.js";
export * from "./errors.js";
export {
  CEL_ENGINE,
  K8S_TARGET,
  REGO_ENGINE,
  TEMPLATES_GROUP,
  type EngineChoice,
  type ParseTemplateOptions,
  type ParsedTemplate,
  type TemplateCode,
  parseTemplate,
  selectCode,
} from "./templates.js";
export { type ParameterProblems, type ParameterSchema, compileParameterSchema } from "./parameter-schema.js";
export { CONSTRAINTS_GROUP, WILDCARD_PATTERN, constraintCrd, constraintSchema, matchSchema } from "./constraint-crd.js";
export { type ParseConstraintOptions, type ParsedConstraint, parseConstraint } from "./constraints.js";
export { type LabelPredicate, compileLabelSelector, validateLabelSelector } from "./label-selector.js";
export { compileGenerateNameWildcard, compileWildcard, compileWildcardList, type WildcardPredicate } from "./wildcard.js";
export { MatchError, type Matcher, compileMatch } from "./match.js";
export { type MatchObject, MatchTarget, type NamespaceLookup, type SourceType } from "./match-target.js";
export {
  DEFAULT_ENFORCEMENT_ACTION,
  ENFORCEMENT_ACTIONS,
  ENFORCEMENT_POINTS,
  type Enforcement,
  type EnforcementPoint,
  type ScopedEnforcementAction,
  actionsAt,
  isDeny,
  isWarn,
  readEnforcement,
} from "./enforcement.js";
export {
  type AdmissionOptions,
  type ReviewInput,
  isAdmissionReview,
  reviewFromAdmissionRequest,
  reviewFromAdmissionReview,
  reviewFromObject,
} from "./review.js";
export { Inventory, inventoryPath } from "./inventory.js";
export {
  type ClientOptions,
  ConstraintClient,
  type ReviewOptions,
  type ReviewResponse,
  type ReviewResult,
  type TemplateEntry,
  toReviewInput,
} from "./client.js";
export { type RegoDriverOptions, compileRegoTemplate, createRegoDriver, regoDriver } from "./drivers/rego/rego-driver.js";
export { TEMPLATES_ROOT, rewriteTemplateModules, violationQuery } from "./drivers/rego/rewrite-modules.js";
export { YamlError, parseYamlObjects } from "./yaml-documents.js";
export { compileGoRegexp } from "./go-regexp.js";
export { type Assertion, SUITE_GROUP, SUITE_KIND, type Suite, type SuiteCase, type SuiteTest, parseSuite } from "./suite.js";
export { checkAssertion } from "./suite-assertion.js";
export { SuiteError, type SuiteErrorCode } from "./suite-errors.js";
export { type SuiteFilter, newSuiteFilter } from "./suite-filter.js";
export {
  type CaseResult,
  type RunSuiteOptions,
  type SuiteFileReader,
  type SuiteResult,
  type TestResult,
  joinPath,
  runSuite,
  suitePassed,
} from "./suite-runner.js";
export { celDriver } from "./cel/index.js";
