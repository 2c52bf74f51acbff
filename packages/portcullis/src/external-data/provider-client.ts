/**
 * Sends keys to an external data provider over HTTPS, as frameworks'
 * `DefaultSendRequestToProvider` does: TLS 1.3 only, the Provider's CA only, the client
 * certificate when there is one, and every failure an outcome with status 500.
 */
import type { ClientRequest, IncomingMessage } from "node:http";
import { Agent, request } from "node:https";
import type { ProviderOutcome } from "@portcullis/constraint";
import type { Provider } from "./provider-resource.js";
import { decodeProviderResponse } from "./provider-response.js";

/** A PEM certificate and key the client presents to providers that ask for one (mTLS). */
export interface ClientCertificate {
  readonly cert: string;
  readonly key: string;
}

/** Options of one call to {@link sendToProvider}. */
export interface SendOptions {
  readonly clientCertificate?: ClientCertificate;
  /** When to give up, in ms since the epoch (the review's own deadline). */
  readonly deadline?: number;
}

/** Largest response body read from a provider. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** How long an idle kept-alive connection to a provider stays open (Go's IdleConnTimeout). */
const IDLE_SOCKET_MS = 90_000;

/** The reason Go gives when the request's context runs out. */
const DEADLINE_EXCEEDED = "context deadline exceeded";

const INTERNAL_ERROR = 500;

interface AgentEntry {
  /** What the agent was made for: the Provider's url and CA. */
  readonly spec: string;
  readonly agent: Agent;
}

const agents = new Map<string, AgentEntry>();

function closeIdle(agent: Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets ?? []) socket.destroy();
  }
}

/** The keep-alive agent of a Provider; a changed url or CA gets a new one. */
function agentFor(provider: Provider): Agent {
  const spec = JSON.stringify([provider.url, provider.caPem]);
  const known = agents.get(provider.name);
  if (known !== undefined && known.spec === spec) return known.agent;
  // Requests in flight on the old agent finish; its idle connections close now or after IDLE_SOCKET_MS.
  if (known !== undefined) closeIdle(known.agent);
  const agent = new Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  agents.set(provider.name, { spec, agent });
  return agent;
}

/** Closes the idle connections to a Provider and forgets its agent (the Provider changed or went). */
export function closeProviderAgent(name: string): void {
  const known = agents.get(name);
  if (known === undefined) return;
  closeIdle(known.agent);
  agents.delete(name);
}

/** Destroys every provider agent and its connections (on shutdown). */
export function closeProviderAgents(): void {
  for (const { agent } of agents.values()) agent.destroy();
  agents.clear();
}

/** Go's `json.Marshal` escapes these in strings. */
const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

/** The request body, as Go's `json.Marshal` writes `NewProviderRequest(keys)`. */
export function providerRequestBody(keys: readonly string[]): string {
  const request = keys.length > 0 ? { keys } : {};
  const json = JSON.stringify({
    apiVersion: "externaldata.gatekeeper.sh/v1beta1",
    kind: "ProviderRequest",
    request,
  });
  return json.replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function failure(message: string): ProviderOutcome {
  return { failure: { status: INTERNAL_ERROR, message } };
}

function sendFailure(url: string, reason: string): ProviderOutcome {
  return failure(`failed to send external data request: Post "${url}": ${reason}`);
}

function readFailure(reason: string): ProviderOutcome {
  return failure(`failed to read external data response: ${reason}`);
}

function messageOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  // OpenSSL's messages carry codes, source file and a newline; their reason is what they say.
  if ("library" in e && "reason" in e && typeof e.reason === "string") return e.reason;
  return e.message;
}

/**
 * Ms left before the provider's timeout or the deadline, whichever comes first. A timeout of 0
 * leaves none, as Gatekeeper's deadline of now plus the timeout does.
 */
function timeLeft(provider: Provider, deadline: number | undefined, now: number): number {
  const timeout = provider.timeoutSeconds * 1000;
  return deadline === undefined ? timeout : Math.min(timeout, deadline - now);
}

function outcomeOf(status: number, body: string): ProviderOutcome {
  const decoded = decodeProviderResponse(body);
  if ("error" in decoded) return failure(`failed to unmarshal external data response: ${decoded.error}`);
  return { reply: { status, ...decoded.response } };
}

/** Reads a response's body (up to {@link MAX_RESPONSE_BYTES}) into its outcome; `abort` on a body too large. */
function readResponse(
  res: IncomingMessage,
  finish: (outcome: ProviderOutcome) => void,
  abort: () => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      finish(readFailure(`response body larger than ${MAX_RESPONSE_BYTES} bytes`));
      abort();
      return;
    }
    chunks.push(chunk);
  });
  res.on("end", () => finish(outcomeOf(res.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"))));
  res.on("error", (e: unknown) => finish(readFailure(messageOf(e))));
  res.on("close", () => {
    if (!res.complete) finish(readFailure("unexpected EOF"));
  });
}

/** Longest delay `setTimeout` takes as it is. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * POSTs a `ProviderRequest` for `keys` to the Provider and reads its `ProviderResponse`, whatever
 * the HTTP status. Never rejects: a request that fails is a `failure` outcome.
 */
export function sendToProvider(
  provider: Provider,
  keys: readonly string[],
  options: SendOptions,
): Promise<ProviderOutcome> {
  const left = timeLeft(provider, options.deadline, Date.now());
  if (left <= 0) return Promise.resolve(sendFailure(provider.url, DEADLINE_EXCEEDED));
  const body = providerRequestBody(keys);
  return new Promise((resolve) => {
    let settled = false;
    let responded = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: ProviderOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const failed = (reason: string): ProviderOutcome =>
      responded ? readFailure(reason) : sendFailure(provider.url, reason);
    let req: ClientRequest;
    try {
      req = request(provider.url, {
        method: "POST",
        agent: agentFor(provider),
        ca: provider.caPem,
        minVersion: "TLSv1.3",
        cert: options.clientCertificate?.cert,
        key: options.clientCertificate?.key,
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
      });
    } catch (e: unknown) {
      finish(sendFailure(provider.url, messageOf(e)));
      return;
    }
    timer = setTimeout(
      () => {
        finish(failed(DEADLINE_EXCEEDED));
        req.destroy();
      },
      Math.min(left, MAX_TIMER_MS),
    );
    req.on("error", (e: unknown) => finish(failed(messageOf(e))));
    req.on("response", (res) => {
      responded = true;
      readResponse(res, finish, () => req.destroy());
    });
    req.end(body);
  });
}
