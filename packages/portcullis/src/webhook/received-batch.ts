import { toError } from "@portcullis/rego";
import type { BatchDecider } from "./admission-batcher.js";
import type { AdmissionVerdict } from "./admission-response.js";
import {
  type AdmissionVersion,
  parseJsonBody,
  requestedVersion,
  requestUid,
  validateAdmissionReview,
} from "./admission-review.js";
import type { AdmissionCall, AdmissionEndpoint } from "./webhook-server.js";

/** A request as received: its body, parsed only when its batch starts. */
export interface ReceivedCall {
  readonly body: string;
  /** Evaluation deadline, ms since the epoch. */
  readonly deadline: number;
}

/** The version a request asked in and its uid: what its answer echoes. */
export interface ReplyIdentity {
  readonly version: AdmissionVersion;
  readonly uid: string;
}

/** A received request's answer: its verdict, or the error to answer it with. */
export type ReceivedAnswer =
  | (ReplyIdentity & { readonly verdict: AdmissionVerdict })
  | (ReplyIdentity & { readonly error: Error });

const UNKNOWN: ReplyIdentity = { version: "v1", uid: "" };

// Answers name their fields rather than spread the identity: V8 11.3 gives each
// `{ ...identity, key }` a hidden class of its own.
function errorAnswer(identity: ReplyIdentity, error: Error): ReceivedAnswer {
  return { version: identity.version, uid: identity.uid, error };
}

function verdictAnswer(identity: ReplyIdentity, verdict: AdmissionVerdict): ReceivedAnswer {
  return { version: identity.version, uid: identity.uid, verdict };
}

function identityOf(doc: unknown): ReplyIdentity {
  return { version: requestedVersion(doc) ?? "v1", uid: requestUid(doc) };
}

/** The identity of a body that was never decided (cancelled while queued): v1 and "" when unreadable. */
export function replyIdentity(body: string): ReplyIdentity {
  try {
    return identityOf(JSON.parse(body));
  } catch {
    return UNKNOWN;
  }
}

/**
 * Decides batches of received bodies with `endpoint`: each body is parsed and checked when its
 * batch starts, not when it arrives, so the requests waiting for a batch are kept as text and
 * not as the many small objects a parsed review is (every queued review would otherwise be
 * copied at each young-generation collection). A malformed body is answered with its error;
 * the others go to the endpoint together. An endpoint that throws, or answers too few, answers
 * its calls with that error.
 */
export function decideReceived(endpoint: AdmissionEndpoint): BatchDecider<ReceivedCall, ReceivedAnswer> {
  return (received) => {
    const answers: ReceivedAnswer[] = new Array(received.length);
    // Where each call's answer goes, and what it echoes.
    const sent: { readonly at: number; readonly identity: ReplyIdentity }[] = [];
    const calls: AdmissionCall[] = [];
    received.forEach((r, at) => {
      let identity = UNKNOWN;
      try {
        const doc = parseJsonBody(r.body);
        identity = identityOf(doc);
        const { request } = validateAdmissionReview(doc);
        calls.push({ request, deadline: r.deadline, body: r.body });
        sent.push({ at, identity });
      } catch (e: unknown) {
        answers[at] = errorAnswer(identity, toError(e));
      }
    });
    if (calls.length === 0) return answers;
    const merge = (verdicts: readonly AdmissionVerdict[]): ReceivedAnswer[] => {
      sent.forEach(({ at, identity }, j) => {
        const verdict = verdicts[j];
        answers[at] =
          verdict === undefined
            ? errorAnswer(
                identity,
                new Error(`the decider answered ${verdicts.length} of ${calls.length} calls`),
              )
            : verdictAnswer(identity, verdict);
      });
      return answers;
    };
    const fail = (e: unknown): ReceivedAnswer[] => {
      const error = toError(e);
      for (const { at, identity } of sent) answers[at] = errorAnswer(identity, error);
      return answers;
    };
    try {
      const verdicts = endpoint(calls);
      return verdicts instanceof Promise ? verdicts.then(merge, fail) : merge(verdicts);
    } catch (e: unknown) {
      return fail(e);
    }
  };
}
