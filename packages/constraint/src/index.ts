/** @portcullis/constraint: Gatekeeper's constraint framework — templates, constraints, match, drivers, reviews, gator suites. */

export { celGeneratedPrograms, celGenerationFailures } from "./cel/generated-program.js";
export { celDriver } from "./cel/index.js";
export {
  type ClientOptions,
  ConstraintClient,
  type ReviewItem,
  type ReviewOptions,
  type ReviewOutcome,
  type ReviewResponse,
  type ReviewResult,
  type TemplateEntry,
  toReviewInput,
} from "./client.js";
export {
  CONSTRAINTS_GROUP,
  constraintCrd,
  constraintSchema,
  matchSchema,
  WILDCARD_PATTERN,
} from "./constraint-crd.js";
export { type ParseConstraintOptions, type ParsedConstraint, parseConstraint } from "./constraints.js";
export * from "./driver.js";
export {
  compileRegoTemplate,
  createRegoDriver,
  type RegoDriverOptions,
  regoDriver,
} from "./drivers/rego/rego-driver.js";
export { rewriteTemplateModules, TEMPLATES_ROOT, violationQuery } from "./drivers/rego/rewrite-modules.js";
export {
  actionsAt,
  DEFAULT_ENFORCEMENT_ACTION,
  ENFORCEMENT_ACTIONS,
  ENFORCEMENT_POINTS,
  type Enforcement,
  type EnforcementPoint,
  isDeny,
  isWarn,
  readEnforcement,
  type ScopedEnforcementAction,
} from "./enforcement.js";
export * from "./errors.js";
export {
  EXPANSION_GROUP,
  ExpansionError,
  type ExpansionErrorCode,
  type ExpansionTemplate,
  expandObject,
  expandsKind,
  type GroupVersionKind,
  parseExpansionTemplate,
  type Resultant,
} from "./expansion.js";
export { ExpansionSystem } from "./expansion-system.js";
export { EXTERNAL_DATA, externalDataBuiltin, withExternalData } from "./external-data/builtin.js";
export {
  failureResponse,
  PROVIDER_NOT_FOUND,
  type ProviderFailure,
  type ProviderItem,
  type ProviderOutcome,
  type ProviderReply,
  regoResponse,
} from "./external-data/provider-reply.js";
export { reviewBatchWithExternalData } from "./external-data/review-batch.js";
export {
  type CachedItem,
  type ExternalDataBackend,
  ExternalDataSession,
  type ExternalDataSource,
  MAX_EXTERNAL_DATA_ROUNDS,
  settleExternalData,
  UNSETTLED_MESSAGE,
} from "./external-data/session.js";
export { compileGoRegexp, type GoRegexp } from "./go-regexp.js";
export { Inventory, inventoryPath } from "./inventory.js";
export {
  arrayAt,
  isObject,
  objectAt,
  objectMeta,
  pathAt,
  splitApiVersion,
  stringAt,
  stringItems,
} from "./json-util.js";
export { compileLabelSelector, type LabelPredicate, validateLabelSelector } from "./label-selector.js";
export { compileMatch, MatchError, type Matcher } from "./match.js";
export { type MatchObject, MatchTarget, type NamespaceLookup, type SourceType } from "./match-target.js";
export { compileParameterSchema, type ParameterProblems, type ParameterSchema } from "./parameter-schema.js";
export {
  type AdmissionOptions,
  isAdmissionReview,
  type ReviewInput,
  reviewFromAdmissionRequest,
  reviewFromAdmissionReview,
  reviewFromObject,
} from "./review.js";
export { MemoKey, ReviewMemo } from "./review-memo.js";
export {
  CONSTRAINT_COUNT,
  type DescribedStat,
  type DescribedStatsEntry,
  describeStats,
  IMPLIED_BY_LABEL,
  impliedStats,
  STAT_DESCRIPTIONS,
  type Stat,
  type StatLabel,
  type StatSource,
  type StatsEntry,
  TEMPLATE_RUN_TIME_NS,
  templateStats,
  UNKNOWN_DESCRIPTION,
} from "./review-stats.js";
export {
  type Assertion,
  parseSuite,
  SUITE_GROUP,
  SUITE_KIND,
  type Suite,
  type SuiteCase,
  type SuiteTest,
} from "./suite.js";
export { checkAssertion } from "./suite-assertion.js";
export { SuiteError, type SuiteErrorCode } from "./suite-errors.js";
export { newSuiteFilter, type SuiteFilter } from "./suite-filter.js";
export {
  type CaseResult,
  joinPath,
  type RunSuiteOptions,
  runSuite,
  type SuiteFileReader,
  type SuiteResult,
  suitePassed,
  type TestResult,
} from "./suite-runner.js";
export {
  CEL_ENGINE,
  type EngineChoice,
  K8S_TARGET,
  type ParsedTemplate,
  type ParseTemplateOptions,
  parseTemplate,
  REGO_ENGINE,
  selectCode,
  TEMPLATES_GROUP,
  type TemplateCode,
} from "./templates.js";
export {
  compileGenerateNameWildcard,
  compileWildcard,
  compileWildcardList,
  type WildcardPredicate,
} from "./wildcard.js";
export { parseYamlObjects, YamlError } from "./yaml-documents.js";
