import { type ParsedConstraint, parseConstraint } from "./constraints.js";
import type {
  CompiledTemplate,
  Driver,
  DriverConstraint,
  DriverOptions,
  DriverResult,
  DriverReview,
  JsonObject,
} from "./driver.js";
import { regoDriver } from "./drivers/rego/rego-driver.js";
import { actionsAt, ENFORCEMENT_POINTS, type EnforcementPoint } from "./enforcement.js";
import type { ExpansionTemplate, Resultant } from "./expansion.js";
import { ExpansionSystem, NO_RESULTANTS } from "./expansion-system.js";
import type { ExternalDataSource } from "./external-data/session.js";
import { Inventory } from "./inventory.js";
import { isObject, objectAt, stringAt } from "./json-util.js";
import { MatchError } from "./match.js";
import { MatchTarget, type NamespaceLookup, type SourceType } from "./match-target.js";
import {
  isAdmissionReview,
  type ReviewInput,
  reviewFromAdmissionRequest,
  reviewFromAdmissionReview,
  reviewFromObject,
} from "./review.js";
import { ReviewMemo } from "./review-memo.js";
import { impliedStats, type StatsEntry, templateStats } from "./review-stats.js";
import { type EngineChoice, type ParsedTemplate, parseTemplate, selectCode } from "./templates.js";

/** Options of a {@link ConstraintClient}. */
export interface ClientOptions {
  /** Policy engines; defaults to the Rego driver. Add the CEL driver to run K8sNativeValidation. */
  readonly drivers?: readonly Driver[];
  /** Default engine choice for templates (default `auto`). */
  readonly engine?: EngineChoice;
  /** Gatekeeper's `--disable-enforcementaction-validation`. */
  readonly skipEnforcementActionValidation?: boolean;
}

/** A template the client holds. */
export interface TemplateEntry {
  readonly template: ParsedTemplate;
  readonly compiled: CompiledTemplate;
  /** Engine the template runs on. */
  readonly engine: string;
}

/** Per-review options. */
export interface ReviewOptions {
  /** Enforcement point (default `audit.gatekeeper.sh`); picks scoped actions and the operations filter. */
  readonly enforcementPoint?: EnforcementPoint;
  /** Finds Namespace objects for namespaceSelector and `namespaceObject`. */
  readonly namespaces?: NamespaceLookup;
  /** The Namespace object of the reviewed object, when the caller has it. */
  readonly namespace?: JsonObject | null;
  /** `Original` or `Generated` (expansion); "" when not said. */
  readonly source?: SourceType;
  /** Milliseconds since the epoch after which evaluation is cancelled. */
  readonly deadline?: number;
  readonly print?: (message: string) => void;
  /** Time each template's evaluation ({@link ReviewResponse.stats}), as `--log-stats-*` asks. */
  readonly stats?: boolean;
  /** Answers `external_data` calls (an `ExternalDataSession`); without it, no Provider is known. */
  readonly externalData?: ExternalDataSource;
  /**
   * Trace each Rego evaluation ({@link ReviewResponse.trace}), as Gatekeeper's `Tracing` review
   * option (gator test `--trace`, the Config's `spec.validation.traces`). Slow: for debugging.
   */
  readonly trace?: boolean;
}

/** One violation. */
export interface ReviewResult {
  /** The constraint: kind, name and the object as added. */
  readonly constraint: { readonly kind: string; readonly name: string; readonly object: JsonObject };
  readonly msg: string;
  readonly details: unknown;
  /** The constraint's enforcementAction (`scoped` for scoped constraints). */
  readonly enforcementAction: string;
  /** For scoped constraints, the actions at this enforcement point; else empty. */
  readonly scopedEnforcementActions: readonly string[];
  /** The reviewed object (object, or oldObject on DELETE). */
  readonly object: JsonObject;
  /** Engine of the template that produced it; "" for match errors. */
  readonly engine: string;
  /** Evaluation failed for this constraint: msg is the error (the webhook answers 500). */
  readonly error: boolean;
}

/** The outcome of one review. */
export interface ReviewResponse {
  readonly results: ReviewResult[];
  readonly input: ReviewInput;
  /** With {@link ReviewOptions.stats}: each template's run time and constraint count, in order. */
  readonly stats?: StatsEntry[];
  /** With {@link ReviewOptions.trace}: each constraint's evaluation trace, in review order. */
  readonly trace?: string;
}

/** One object's review by {@link ConstraintClient.reviewAll}: its response, or what it threw. */
export type ReviewOutcome = { readonly response: ReviewResponse } | { readonly error: unknown };

/** One subject of {@link ConstraintClient.reviewBatch}, with its own options. */
export interface ReviewItem {
  readonly subject: unknown;
  readonly options?: ReviewOptions;
}

/** A subject between matching and its drivers' results (see `ConstraintClient.review`). */
interface MatchedSubject {
  readonly input: ReviewInput;
  /** Results so far: match errors, then (on assembly) the drivers'. */
  readonly results: ReviewResult[];
  /** The templates that apply, in the order they first matched. */
  readonly slots: TemplateSlot[];
  /**
   * The constraints that apply, of each template in `slots`: the entry itself while only one of
   * the template's applies (most templates have one), a list once a second one does.
   */
  readonly entries: (ConstraintEntry | ConstraintEntry[])[];
  readonly review: DriverReview;
  readonly options: ReviewOptions;
  /** What its drivers are given (deadline, print). */
  readonly driverOptions: DriverOptions;
  /** The driver results of each template in `slots`, once its driver ran. */
  readonly found: (readonly DriverResult[] | undefined)[];
  /** With {@link ReviewOptions.stats}: milliseconds each template in `slots` took. */
  readonly times: number[] | undefined;
}

/** An object expansion generated from subject `parent` of a batch. */
interface GeneratedSubject {
  readonly parent: number;
  readonly resultant: Resultant;
}

/**
 * A generated object's result as its subject's: the message prefixed with the template's name,
 * the template's enforcementAction (when it has one), about the subject's `object`.
 */
function implied(r: ReviewResult, resultant: Resultant, object: JsonObject): ReviewResult {
  const msg = `[Implied by ${resultant.templateName}] ${r.msg}`;
  const action = resultant.enforcementAction;
  return action === ""
    ? { ...r, msg, object }
    : { ...r, msg, enforcementAction: action, scopedEnforcementActions: NOT_SCOPED, object };
}

/** The template of one kind as it is now: constraints hold the slot, so a replaced template shows. */
interface TemplateSlot {
  entry: TemplateEntry | undefined;
  /** The last subject matched (its serial number) and the slot's position among its templates. */
  subject: number;
  position: number;
}

interface ConstraintEntry {
  readonly constraint: ParsedConstraint;
  /** Its template, read through the slot of its kind (no lookup by kind per review). */
  readonly template: TemplateSlot;
  readonly driverConstraint: DriverConstraint;
  /** `[driverConstraint]`, for the common review where one constraint of a template matches. */
  readonly alone: readonly DriverConstraint[];
  /** Its actions by enforcement point, worked out on first use (see {@link actionsOf}). */
  readonly actions: Map<EnforcementPoint, readonly string[]>;
  /** What its results name as their constraint: one object for all of them. */
  readonly resultConstraint: ReviewResult["constraint"];
}

const NO_OPTIONS: ReviewOptions = {};

/** What drivers take from a review's options. */
function driverOptionsOf(options: ReviewOptions): DriverOptions {
  const base = { deadline: options.deadline, print: options.print, externalData: options.externalData };
  return options.trace === true ? { ...base, traces: [] } : base;
}

/** The constraint's actions at a point, worked out once per point. */
function actionsOf(entry: ConstraintEntry, point: EnforcementPoint): readonly string[] {
  let actions = entry.actions.get(point);
  if (actions === undefined) {
    actions = actionsAt(entry.constraint.enforcement, point);
    entry.actions.set(point, actions);
  }
  return actions;
}

/**
 * The constraint framework client (frameworks' `Client` with Gatekeeper's target): templates
 * compiled once through their engine's driver, constraints validated and indexed by the kinds
 * they match, `data.inventory`, and reviews of objects and AdmissionRequests.
 */
export class ConstraintClient {
  private readonly drivers: ReadonlyMap<string, Driver>;
  private readonly engines: ReadonlySet<string>;
  private readonly engine: EngineChoice;
  private readonly skipEnforcementValidation: boolean;
  private readonly templatesByKind = new Map<string, TemplateEntry>();
  private readonly templateSlots = new Map<string, TemplateSlot>();
  /** Subjects matched so far: the serial number of the next one (see {@link TemplateSlot}). */
  private subjects = 0;
  private readonly constraintsByKey = new Map<string, ConstraintEntry>();
  /** Constraints by the object kind they match; `*` for those matching any kind. */
  private byObjectKind = new Map<string, ConstraintEntry[]>();
  /** {@link candidates} of objects of one kind, built on first use after each index rebuild. */
  private byKindCandidates = new Map<string, ConstraintEntry[]>();
  private indexDirty = false;
  private readonly expansion = new ExpansionSystem();
  readonly inventory = new Inventory();

  constructor(options: ClientOptions = {}) {
    const drivers = options.drivers ?? [regoDriver];
    this.drivers = new Map(drivers.map((d) => [d.engine, d]));
    this.engines = new Set(this.drivers.keys());
    this.engine = options.engine ?? "auto";
    this.skipEnforcementValidation = options.skipEnforcementActionValidation ?? false;
  }

  /**
   * Adds (or replaces) a template: validates it, picks its engine and compiles it. Throws
   * InvalidTemplateError.
   */
  addTemplate(
    doc: unknown,
    options: { readonly file?: string; readonly engine?: EngineChoice } = {},
  ): TemplateEntry {
    const template = parseTemplate(doc, options.file === undefined ? {} : { file: options.file });
    const source = selectCode(template, options.engine ?? this.engine, this.engines);
    const driver = this.drivers.get(source.engine);
    if (driver === undefined) throw new Error(`no driver for engine ${source.engine}`);
    const entry: TemplateEntry = { template, compiled: driver.compile(source), engine: source.engine };
    this.templatesByKind.set(template.kind, entry);
    this.slotOf(template.kind).entry = entry;
    return entry;
  }

  /** Removes a template (by kind) and its constraints. */
  removeTemplate(kind: string): boolean {
    if (!this.templatesByKind.delete(kind)) return false;
    this.slotOf(kind).entry = undefined;
    for (const [key, c] of this.constraintsByKey) {
      if (c.constraint.kind === kind) this.constraintsByKey.delete(key);
    }
    this.indexDirty = true;
    return true;
  }

  private slotOf(kind: string): TemplateSlot {
    let slot = this.templateSlots.get(kind);
    if (slot === undefined) {
      slot = { entry: undefined, subject: -1, position: 0 };
      this.templateSlots.set(kind, slot);
    }
    return slot;
  }

  /** The template for a constraint kind. */
  template(kind: string): TemplateEntry | undefined {
    return this.templatesByKind.get(kind);
  }

  /** All templates. */
  templates(): TemplateEntry[] {
    return [...this.templatesByKind.values()];
  }

  /**
   * Validates a constraint against its template as {@link addConstraint} does, without adding it
   * (Gatekeeper's `ValidateConstraint`). Throws ConstraintError (`constraint_unknown_kind` when no
   * template has its kind).
   */
  checkConstraint(doc: unknown, options: { readonly file?: string } = {}): ParsedConstraint {
    const kind = stringAt(doc, "kind") ?? "";
    const template = this.templatesByKind.get(kind)?.template;
    return parseConstraint(doc, template, {
      ...(options.file !== undefined ? { file: options.file } : {}),
      skipEnforcementActionValidation: this.skipEnforcementValidation,
    });
  }

  /** Adds (or replaces) a constraint after validating it against its template. Throws ConstraintError. */
  addConstraint(doc: unknown, options: { readonly file?: string } = {}): ParsedConstraint {
    const constraint = this.checkConstraint(doc, options);
    const driverConstraint = {
      kind: constraint.kind,
      name: constraint.name,
      parameters: constraint.parameters,
    };
    this.constraintsByKey.set(`${constraint.kind}/${constraint.name}`, {
      constraint,
      template: this.slotOf(constraint.kind),
      driverConstraint,
      alone: [driverConstraint],
      actions: new Map(),
      resultConstraint: { kind: constraint.kind, name: constraint.name, object: constraint.object },
    });
    this.indexDirty = true;
    return constraint;
  }

  /** Removes a constraint. */
  removeConstraint(kind: string, name: string): boolean {
    const removed = this.constraintsByKey.delete(`${kind}/${name}`);
    if (removed) this.indexDirty = true;
    return removed;
  }

  /** All constraints. */
  constraints(): ParsedConstraint[] {
    return [...this.constraintsByKey.values()].map((c) => c.constraint);
  }

  /**
   * Adds (or replaces, by name) an ExpansionTemplate: from then on an object of a kind it applies
   * to is reviewed together with the object it generates (see {@link reviewAll}). Throws
   * ExpansionError for a template Gatekeeper refuses, and (`expansion_cycle`) for one that closes
   * a cycle: that one is kept, but it and the others in the cycle expand nothing until it is
   * broken, as in Gatekeeper.
   */
  addExpansionTemplate(doc: unknown): ExpansionTemplate {
    return this.expansion.add(doc);
  }

  /** Removes an ExpansionTemplate by name. */
  removeExpansionTemplate(name: string): boolean {
    return this.expansion.remove(name);
  }

  /** All ExpansionTemplates. */
  expansionTemplates(): ExpansionTemplate[] {
    return this.expansion.templates();
  }

  /** Adds an object to `data.inventory`. */
  addData(obj: unknown): void {
    this.inventory.add(obj);
  }

  /** Removes an object from `data.inventory`. */
  removeData(obj: unknown): boolean {
    return this.inventory.remove(obj);
  }

  /**
   * Reviews a Kubernetes object, an AdmissionRequest, an AdmissionReview, or a prepared
   * {@link ReviewInput} against every constraint that applies at the enforcement point.
   * Match errors autoreject: the constraint yields a result whose msg is the error.
   */
  review(subject: unknown, options: ReviewOptions = {}): ReviewResponse {
    if (this.expansion.size > 0) {
      const outcome = this.reviewEach(
        1,
        () => subject,
        () => options,
      )[0];
      if (outcome !== undefined && "response" in outcome) return outcome.response;
      throw outcome?.error;
    }
    const matched = this.matchSubject(subject, options, driverOptionsOf(options));
    for (let k = 0; k < matched.slots.length; k++) this.reviewSlot(matched, k);
    return this.assemble(matched);
  }

  /**
   * Reviews many objects, as {@link review} of each in turn would, but template by template: every
   * object a template applies to, then the next template. One template's code and data then stay
   * in the processor's caches across objects, which a whole review of each object in turn evicts.
   * An object whose review throws gets the error in its place; the others are unaffected.
   *
   * An object that ExpansionTemplates apply to is reviewed with what each generates (source
   * `Generated`), as Gatekeeper does: their results follow the object's own, each message
   * prefixed `[Implied by <template>]`, with the template's enforcementAction when it has one.
   * An object that cannot be expanded, or whose generated object's review fails, is an error.
   */
  reviewAll(subjects: readonly unknown[], options: ReviewOptions = {}): ReviewOutcome[] {
    return this.reviewEach(
      subjects.length,
      (i) => subjects[i],
      () => options,
    );
  }

  /**
   * {@link reviewAll} for subjects with options of their own (each admission request its own
   * deadline): the same results, in order, as {@link review} of each with its options.
   */
  reviewBatch(items: readonly ReviewItem[]): ReviewOutcome[] {
    return this.reviewEach(
      items.length,
      (i) => items[i]?.subject,
      (i) => items[i]?.options ?? NO_OPTIONS,
    );
  }

  private reviewEach(
    count: number,
    subjectAt: (i: number) => unknown,
    optionsAt: (i: number) => ReviewOptions,
  ): ReviewOutcome[] {
    const out: ReviewOutcome[] = [];
    // Subjects, then the objects expansion generated from them.
    const pending: (MatchedSubject | undefined)[] = [];
    const generated: GeneratedSubject[] = [];
    // Per template: subject index and the template's position in that subject's slots, in pairs.
    const bySlot = new Map<TemplateSlot, number[]>();
    const addSlots = (matched: MatchedSubject, i: number): void => {
      matched.slots.forEach((slot, k) => {
        const list = bySlot.get(slot);
        if (list) list.push(i, k);
        else bySlot.set(slot, [i, k]);
      });
    };
    // Subjects that share their options share what their drivers are given.
    let lastOptions: ReviewOptions | undefined;
    let driverOptions: DriverOptions = {};
    let generatedOptions: ReviewOptions | undefined;
    for (let i = 0; i < count; i++) {
      const options = optionsAt(i);
      if (options !== lastOptions) {
        lastOptions = options;
        driverOptions = driverOptionsOf(options);
        generatedOptions = undefined;
      }
      // A traced subject collects its own traces (and those of the objects generated from it).
      const subjectOptions = options.trace === true ? driverOptionsOf(options) : driverOptions;
      try {
        const matched = this.matchSubject(subjectAt(i), options, subjectOptions);
        const resultants = this.resultantsOf(matched.input);
        pending[i] = matched;
        addSlots(matched, i);
        for (let r = 0; r < resultants.length; r++) {
          const resultant = resultants[r] as Resultant;
          generatedOptions ??= { ...options, source: "Generated" };
          const child = this.matchSubject(
            reviewFromObject(resultant.object),
            generatedOptions,
            subjectOptions,
          );
          const at = count + generated.length;
          addSlots(child, at);
          pending[at] = child;
          generated.push({ parent: i, resultant });
        }
      } catch (e: unknown) {
        out[i] = { error: e };
        pending[i] = undefined;
      }
    }
    for (const pairs of bySlot.values()) {
      for (let p = 0; p < pairs.length; p += 2) {
        const i = pairs[p] ?? 0;
        const matched = pending[i];
        if (matched === undefined) continue;
        try {
          this.reviewSlot(matched, pairs[p + 1] ?? 0);
        } catch (e: unknown) {
          out[i] = { error: e };
          pending[i] = undefined;
        }
      }
    }
    pending.forEach((matched, i) => {
      if (matched !== undefined) out[i] = { response: this.assemble(matched) };
    });
    generated.forEach(({ parent, resultant }, g) => {
      const own = out[parent];
      const child = out[count + g];
      if (own === undefined || "error" in own || child === undefined) return;
      if ("error" in child) out[parent] = child;
      else {
        for (const r of child.response.results)
          own.response.results.push(implied(r, resultant, own.response.input.subject));
        if (child.response.stats !== undefined)
          for (const entry of child.response.stats)
            own.response.stats?.push(impliedStats(entry, resultant.templateName));
      }
    });
    if (generated.length > 0) out.length = count;
    return out;
  }

  /** What the ExpansionTemplates generate from a subject, of the kind its review names. */
  private resultantsOf(input: ReviewInput): readonly Resultant[] {
    if (this.expansion.size === 0) return NO_RESULTANTS;
    const gvk = objectAt(input.review, "kind");
    const kind = {
      group: stringAt(gvk, "group") ?? "",
      version: stringAt(gvk, "version") ?? "",
      kind: stringAt(gvk, "kind") ?? "",
    };
    return this.expansion.expand(input.subject, kind, input.namespace);
  }

  /** The constraints that apply to a subject, by template, and the results of match errors. */
  private matchSubject(
    subject: unknown,
    options: ReviewOptions,
    driverOptions: DriverOptions,
  ): MatchedSubject {
    const input = toReviewInput(subject);
    const point = options.enforcementPoint ?? ENFORCEMENT_POINTS.audit;
    const target = new MatchTarget(
      input.object,
      input.oldObject,
      input.namespace,
      options.namespace,
      options.namespaces,
      options.source ?? "",
    );
    const results: ReviewResult[] = [];
    const slots: TemplateSlot[] = [];
    const entries: (ConstraintEntry | ConstraintEntry[])[] = [];
    const serial = this.subjects++;
    for (const entry of this.candidates(input)) {
      const c = entry.constraint;
      const actions = actionsOf(entry, point);
      if (actions.length === 0) continue;
      const template = entry.template.entry;
      if (template === undefined) continue;
      if (
        point === ENFORCEMENT_POINTS.webhook &&
        !operationApplies(template.template.operations, input.operation)
      )
        continue;
      let applies: boolean;
      try {
        applies = c.matcher(target);
      } catch (e: unknown) {
        if (!(e instanceof MatchError)) throw e;
        results.push(makeResult(entry, e.message, {}, actions, input.subject, "", false));
        continue;
      }
      if (!applies) continue;
      const slot = entry.template;
      if (slot.subject === serial) {
        const others = entries[slot.position];
        if (Array.isArray(others)) others.push(entry);
        else if (others !== undefined) entries[slot.position] = [others, entry];
      } else {
        slot.subject = serial;
        slot.position = slots.length;
        slots.push(slot);
        entries.push(entry);
      }
    }
    const namespaceObject =
      slots.length === 0 || input.namespace === "" ? null : (target.namespace() ?? null);
    const review = {
      review: input.review,
      namespaceObject,
      inventory: this.inventory.value,
      memo: new ReviewMemo(),
    };
    const times = options.stats === true ? [] : undefined;
    return { input, results, slots, entries, review, options, driverOptions, found: [], times };
  }

  /** Runs the driver of a subject's `k`th template for the constraints of it that apply. */
  private reviewSlot(matched: MatchedSubject, k: number): void {
    const template = matched.slots[k]?.entry;
    const entries = matched.entries[k];
    if (template === undefined || entries === undefined) return;
    const started = matched.times === undefined ? 0 : performance.now();
    matched.found[k] = template.compiled.review(
      matched.review,
      Array.isArray(entries) ? entries.map((e) => e.driverConstraint) : entries.alone,
      matched.driverOptions,
    );
    if (matched.times !== undefined) matched.times[k] = performance.now() - started;
  }

  /** The stats of a subject's templates, in the order they matched. */
  private statsOf(matched: MatchedSubject, times: readonly number[]): StatsEntry[] {
    const out: StatsEntry[] = [];
    for (let k = 0; k < matched.slots.length; k++) {
      const template = matched.slots[k]?.entry;
      const entries = matched.entries[k];
      if (template === undefined || entries === undefined) continue;
      const count = Array.isArray(entries) ? entries.length : 1;
      out.push(templateStats(template.template.kind, template.engine, times[k] ?? 0, count));
    }
    return out;
  }

  /** The review's results: match errors, then each template's, in the order templates matched. */
  private assemble(matched: MatchedSubject): ReviewResponse {
    const { input, results, options } = matched;
    const point = options.enforcementPoint ?? ENFORCEMENT_POINTS.audit;
    for (let k = 0; k < matched.slots.length; k++) {
      const template = matched.slots[k]?.entry;
      const entries = matched.entries[k];
      const found = matched.found[k];
      if (template === undefined || entries === undefined || found === undefined) continue;
      for (let j = 0; j < found.length; j++) {
        const r = found[j];
        if (r === undefined) continue;
        const entry = Array.isArray(entries)
          ? entries.find((e) => e.constraint.name === r.constraint)
          : entries;
        if (entry === undefined) continue;
        results.push(
          makeResult(
            entry,
            r.msg,
            r.details,
            actionsOf(entry, point),
            input.subject,
            template.engine,
            r.error === true,
          ),
        );
      }
    }
    const traces = matched.driverOptions.traces;
    const response: ReviewResponse =
      matched.times === undefined
        ? { results, input }
        : { results, input, stats: this.statsOf(matched, matched.times) };
    return traces === undefined ? response : { ...response, trace: traces.join("\n") };
  }

  /** Constraints that may match: those indexed under the object's (or oldObject's) kind, and kind-agnostic ones. */
  private candidates(input: ReviewInput): ConstraintEntry[] {
    if (this.indexDirty) this.rebuildIndex();
    const k1 = stringAt(input.object, "kind");
    const k2 = stringAt(input.oldObject, "kind");
    if (k1 !== undefined && k2 !== undefined && k1 !== k2) return this.candidatesOf([k1, k2]);
    const kind = k1 ?? k2;
    if (kind === undefined) return this.candidatesOf([]);
    let list = this.byKindCandidates.get(kind);
    if (list === undefined) {
      list = this.candidatesOf([kind]);
      this.byKindCandidates.set(kind, list);
    }
    return list;
  }

  private candidatesOf(kinds: readonly string[]): ConstraintEntry[] {
    const kindAgnostic = this.byObjectKind.get("*") ?? [];
    if (kinds.length === 0) return kindAgnostic;
    const out: ConstraintEntry[] = [];
    const seen = new Set<ConstraintEntry>();
    for (const k of kinds) {
      for (const e of this.byObjectKind.get(k) ?? []) {
        if (!seen.has(e)) {
          seen.add(e);
          out.push(e);
        }
      }
    }
    if (out.length === 0) return kindAgnostic;
    for (const e of kindAgnostic) out.push(e);
    return out;
  }

  private rebuildIndex(): void {
    const index = new Map<string, ConstraintEntry[]>();
    const add = (k: string, e: ConstraintEntry): void => {
      const list = index.get(k);
      if (list) {
        if (!list.includes(e)) list.push(e);
      } else index.set(k, [e]);
    };
    for (const e of this.constraintsByKey.values()) {
      const kinds = matchedKinds(e.constraint.object);
      if (kinds === undefined) add("*", e);
      else for (const k of kinds) add(k, e);
    }
    this.byObjectKind = index;
    this.byKindCandidates = new Map();
    this.indexDirty = false;
  }
}

/** The object kinds a constraint can match, or undefined when it can match any kind. */
function matchedKinds(constraint: JsonObject): string[] | undefined {
  const spec = constraint.spec;
  const match = isObject(spec) ? spec.match : undefined;
  const kinds = isObject(match) ? match.kinds : undefined;
  if (!Array.isArray(kinds) || kinds.length === 0) return undefined;
  const out: string[] = [];
  for (const k of kinds) {
    const list = isObject(k) ? k.kinds : undefined;
    if (!Array.isArray(list) || list.length === 0 || list.includes("*")) return undefined;
    for (const name of list) if (typeof name === "string") out.push(name);
  }
  return out;
}

function operationApplies(operations: readonly string[], operation: string): boolean {
  if (operations.length === 0 || operations.includes("*")) return true;
  return operations.includes(operation);
}

/** The scoped actions of a result whose constraint is not scoped. */
const NOT_SCOPED: readonly string[] = [];

function makeResult(
  entry: ConstraintEntry,
  msg: string,
  details: unknown,
  actions: readonly string[],
  object: JsonObject,
  engine: string,
  error: boolean,
): ReviewResult {
  const action = entry.constraint.enforcement.action;
  return {
    constraint: entry.resultConstraint,
    msg,
    details,
    enforcementAction: action,
    scopedEnforcementActions: action === "scoped" ? actions : NOT_SCOPED,
    object,
    engine,
    error,
  };
}

function isReviewInput(x: unknown): x is ReviewInput {
  return isObject(x) && isObject(x.review) && isObject(x.subject) && typeof x.namespace === "string";
}

/** Reads what {@link ConstraintClient.review} accepts. */
export function toReviewInput(subject: unknown): ReviewInput {
  if (isReviewInput(subject)) return subject;
  if (isAdmissionReview(subject)) return reviewFromAdmissionReview(subject);
  if (
    isObject(subject) &&
    typeof subject.kind !== "string" &&
    ("object" in subject || "oldObject" in subject)
  ) {
    return reviewFromAdmissionRequest(subject);
  }
  return reviewFromObject(subject);
}
