/**
 * G2 in process (performance.md): `review()` of the webhook bench's requests with the whole
 * library loaded, against `JSON.parse` of the same requests, on one core.
 */
import { ENFORCEMENT_POINTS, reviewFromAdmissionRequest } from "@portcullis/constraint";
import { loadPolicySet, newClient } from "../packages/portcullis/src/audit/index.js";
import { libraryPolicies } from "./audit.js";
import { type Comparison, compare } from "./protocol.js";

/** The G2 in-process targets: median ≤ 10× `JSON.parse` of the request, and p99 ≤ 1 ms. */
const RATIO_TARGET = 10;
const P99_TARGET_MS = 1;
/** Passes over all requests per round: enough calls for a p99 of each subject. */
const PASSES = 16;

/** What the webhook's decision of one request starts from: the request, freshly parsed. */
interface Request {
  readonly request: Record<string, unknown>;
}

/**
 * Each request reviewed alone (`ConstraintClient.review`, the webhook's enforcement point),
 * from the parsed AdmissionRequest to the results, as `serve` reviews it apart from batching.
 * Every call gets a request parsed afresh (untimed), so no cache keyed by a request's objects
 * carries over from one call to the next. The baseline parses the same bodies in turn.
 */
export async function benchReviewInProcess(
  repoRoot: string,
  bodies: readonly Buffer[],
  engine: string,
): Promise<(Comparison & { p99_target_ns: number; note: string })[]> {
  const client = loadPolicySet(
    newClient(engine === "rego" || engine === "cel" ? engine : "auto"),
    libraryPolicies(repoRoot),
  );
  const texts = bodies.map((b) => b.toString("utf8"));
  const n = texts.length;
  const options = { enforcementPoint: ENFORCEMENT_POINTS.webhook };
  let parsed = 0;
  let reviewed = 0;
  const parse = { name: "JSON.parse", op: () => JSON.parse(texts[parsed++ % n] ?? "null") };
  const review = {
    name: "review",
    prepare: (): Request => JSON.parse(texts[reviewed++ % n] ?? "null") as Request,
    run: (doc: Request) =>
      client.review(reviewFromAdmissionRequest(doc.request, { clearNamespaceOfNamespaces: true }), options),
  };
  const c = await compare("G2 in-process review / JSON.parse of the request", parse, review, {
    target: RATIO_TARGET,
    iterations: n * PASSES,
    warmupMs: 5000,
    batch: 1,
    heapIterations: 0,
  });
  // The goal holds when the median ratio and the p99 of every review both meet their targets.
  return [
    {
      ...c,
      goal: `G2 in-process review / JSON.parse of the request, and review p99 ≤ ${P99_TARGET_MS} ms`,
      p99_target_ns: P99_TARGET_MS * 1e6,
      pass: c.pass && c.p99_ns <= P99_TARGET_MS * 1e6,
      note: `engine ${engine}; ${n} requests of ${Math.min(...bodies.map((b) => b.length))}–${Math.max(...bodies.map((b) => b.length))} bytes, each reviewed alone (no batching); p99 over every review of every round`,
    },
  ];
}
