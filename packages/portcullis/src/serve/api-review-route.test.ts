import { describe, expect, it } from "vitest";
import type { ReviewPreviewRequest } from "../api/shapes.js";
import { readPreviewRequest, routeReviewPreview } from "./api-review-route.js";
import { PreviewError } from "./review-preview.js";

describe("POST /api/v1/review", () => {
  const seen: ReviewPreviewRequest[] = [];
  const preview = async (r: ReviewPreviewRequest) => {
    seen.push(r);
    if (r.text === "not ready") throw new PreviewError("not_ready", "the policies are not loaded yet");
    if (r.text === "bad") throw new PreviewError("bad_request", "text:1:1: nope");
    return { reviews: [] };
  };

  it("passes a JSON body's request on and answers with the preview", async () => {
    const r = await routeReviewPreview(
      "application/json; charset=utf-8",
      '{"text":"x","trace":true}',
      preview,
    );
    expect(r).toEqual({ status: 200, body: { reviews: [] } });
    expect(seen.at(-1)).toEqual({ text: "x", trace: true });
  });

  it("answers 415 to other content types, which a page of another origin could send unasked", async () => {
    expect((await routeReviewPreview("text/plain", '{"text":"x"}', preview)).status).toBe(415);
    expect((await routeReviewPreview(undefined, '{"text":"x"}', preview)).status).toBe(415);
  });

  it("answers 400 to bad bodies and bad text, 503 before the policies load", async () => {
    const status = async (body: string) =>
      (await routeReviewPreview("application/json", body, preview)).status;
    expect(await status("{")).toBe(400);
    expect(await status('{"text":"bad"}')).toBe(400);
    expect(await status('{"text":"not ready"}')).toBe(503);
    expect(readPreviewRequest("[]")).toBe("the body must be a JSON object");
    expect(readPreviewRequest('{"text": 1}')).toBe('"text" must be a string of YAML or JSON');
    expect(readPreviewRequest('{"text": "", "trace": "yes"}')).toBe('"trace" must be true or false');
    expect(readPreviewRequest('{"text": "", "username": 2}')).toBe('"username" must be a string');
    expect(readPreviewRequest('{"text": "", "operation": 2}')).toBe('"operation" must be a string');
  });
});
