import {
  isAdmissionReview,
  type JsonObject,
  type NamespaceLookup,
  parseYamlObjects,
  splitApiVersion,
  YamlError,
} from "@portcullis/constraint";
import type {
  PreviewResult,
  ReviewPreview,
  ReviewPreviewRequest,
  ReviewPreviewResponse,
} from "../api/shapes.js";
import type { PolicySet } from "../policies/policy-set.js";
import { type AdmitOutcome, admitAll } from "../webhook/admit.js";
import { isJsonObject, stringField } from "../webhook/json-fields.js";

/** The input of a preview is not something the webhook could be asked about. */
export class PreviewError extends Error {
  override readonly name = "PreviewError";

  constructor(
    readonly code: "bad_request" | "not_ready",
    message: string,
  ) {
    super(message);
  }
}

/** What a preview reviews with besides the policies. */
export interface PreviewOptions {
  /** The webhook's own service account username: its requests are allowed unreviewed. */
  readonly ownUsername: string;
  readonly namespaces: NamespaceLookup;
  /** Milliseconds each document's review may take (default 1 s; past it, the review is an error). */
  readonly timeoutMs?: number;
}

/** Lets the event loop run what waits (the webhook's requests, when it shares this thread). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The user a preview's requests come from when the request names none. */
export const PREVIEW_USERNAME = "portcullis-preview";
const OPERATIONS: ReadonlySet<string> = new Set(["CREATE", "UPDATE", "DELETE"]);
/** Most documents one preview reviews. */
export const MAX_PREVIEW_DOCUMENTS = 100;

/** An admission request for an object, as the API server would send it to create (or change) it. */
function requestFor(object: JsonObject, index: number, operation: string, username: string): JsonObject {
  const { group, version } = splitApiVersion(stringField(object, "apiVersion"));
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const deleting = operation === "DELETE";
  return {
    uid: `preview-${index + 1}`,
    kind: { group, version, kind: stringField(object, "kind") },
    name: stringField(metadata, "name"),
    namespace: stringField(metadata, "namespace"),
    operation,
    userInfo: { username },
    object: deleting ? null : object,
    oldObject: deleting || operation === "UPDATE" ? object : null,
    dryRun: true,
  };
}

function requestOf(doc: JsonObject, index: number, operation: string, username: string): JsonObject {
  if (!isAdmissionReview(doc)) return requestFor(doc, index, operation, username);
  if (!isJsonObject(doc.request))
    throw new PreviewError("bad_request", `document ${index + 1}: an AdmissionReview without a request`);
  return doc.request;
}

function objectOf(request: JsonObject): ReviewPreview["object"] {
  const object = isJsonObject(request.object)
    ? request.object
    : isJsonObject(request.oldObject)
      ? request.oldObject
      : {};
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  return {
    apiVersion: stringField(object, "apiVersion"),
    kind: stringField(object, "kind"),
    namespace: stringField(metadata, "namespace") || stringField(request, "namespace"),
    name: stringField(metadata, "name") || stringField(request, "name"),
  };
}

function preview(document: number, request: JsonObject, outcome: AdmitOutcome): ReviewPreview {
  const { verdict } = outcome;
  const results: PreviewResult[] = (outcome.decision?.violations ?? []).map((v) => ({
    constraint: { kind: v.result.constraint.kind, name: v.result.constraint.name },
    actions: [...v.actions],
    message: v.result.msg,
  }));
  const shown: ReviewPreview = {
    document,
    object: objectOf(request),
    allowed: verdict.allowed,
    code: verdict.status.code,
    message: verdict.status.message ?? "",
    warnings: [...(verdict.warnings ?? [])],
    results,
  };
  return outcome.trace === undefined ? shown : { ...shown, trace: outcome.trace.trace };
}

/**
 * The dashboard's review preview as a plain function: each document of the text (objects, or
 * AdmissionReviews as they are) is decided as the webhook decides a request (its exemptions,
 * the Config's exclusions, every constraint at the webhook enforcement point) and nothing is
 * admitted. Objects are sent as `operation` (CREATE by default) by `username`. Templates calling
 * external data get no provider here. Documents are reviewed one at a time, each within its own
 * deadline, and the event loop runs between them: a preview never holds the thread it shares with
 * the webhook for longer than one document's deadline. Throws {@link PreviewError} for text that
 * is not YAML or JSON objects, and before the policies are loaded.
 */
export async function previewReviews(
  set: PolicySet | undefined,
  request: ReviewPreviewRequest,
  options: PreviewOptions,
): Promise<ReviewPreviewResponse> {
  if (set === undefined) throw new PreviewError("not_ready", "the policies are not loaded yet");
  const operation = (request.operation ?? "CREATE").toUpperCase();
  if (!OPERATIONS.has(operation))
    throw new PreviewError(
      "bad_request",
      `operation must be CREATE, UPDATE or DELETE, not "${request.operation}"`,
    );
  let docs: JsonObject[];
  try {
    docs = parseYamlObjects(request.text, "text");
  } catch (e: unknown) {
    if (e instanceof YamlError) throw new PreviewError("bad_request", e.message);
    throw e;
  }
  if (docs.length === 0) throw new PreviewError("bad_request", "the text holds no object");
  if (docs.length > MAX_PREVIEW_DOCUMENTS)
    throw new PreviewError("bad_request", `at most ${MAX_PREVIEW_DOCUMENTS} documents, not ${docs.length}`);
  const username =
    request.username === undefined || request.username === "" ? PREVIEW_USERNAME : request.username;
  const requests = docs.map((d, i) => requestOf(d, i, operation, username));
  const reviews: ReviewPreview[] = [];
  for (const [i, r] of requests.entries()) {
    await turn();
    const [outcome] = await admitAll([{ request: r, deadline: Date.now() + (options.timeoutMs ?? 1000) }], {
      client: set.client,
      excluder: set.config.excluder,
      ownUsername: options.ownUsername,
      namespaces: options.namespaces,
      traceEvery: request.trace === true,
    });
    if (outcome !== undefined) reviews.push(preview(i + 1, r, outcome));
  }
  return { reviews };
}
