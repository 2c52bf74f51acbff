import { describe, expect, it } from "vitest";
import type { PlainObject, Value } from "../value/value.js";
import { providersBuiltins } from "./providers.js";
import { callBuiltin } from "./test-context.js";

const sign = (...args: Value[]) => callBuiltin(providersBuiltins, "providers.aws.sign_req", ...args);
const CONFIG = {
  aws_access_key: "AKIDEXAMPLE",
  aws_secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  aws_region: "us-east-1",
  aws_service: "iam",
};
const AUG_30_2015 = 1440938160000000000n;

describe("providers.aws.sign_req", () => {
  it("matches the AWS SigV4 documentation example", () => {
    const req = {
      method: "GET",
      url: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    };
    const out = sign(req, CONFIG, AUG_30_2015) as PlainObject;
    const headers = out.headers as PlainObject;
    expect(headers.Authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,SignedHeaders=content-type;host;x-amz-date,Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
    );
    expect(headers["x-amz-date"]).toBe("20150830T123600Z");
    expect(headers.host).toBe("iam.amazonaws.com");
    expect(out.url).toBe(req.url);
  });

  it("adds the content hash for S3 and validates the configuration", () => {
    const out = sign(
      { method: "GET", url: "https://b.s3.amazonaws.com/k" },
      { ...CONFIG, aws_service: "s3" },
      AUG_30_2015,
    ) as PlainObject;
    expect((out.headers as PlainObject)["x-amz-content-sha256"]).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(() => sign({ method: "GET", url: "u" }, { aws_service: "s3" }, 1)).toThrow(
      'operand 2 missing required AWS config parameters(s): {"aws_access_key", "aws_region", "aws_secret_access_key"}',
    );
    expect(() => sign({ method: "GET" }, CONFIG, 1)).toThrow(
      'operand 1 missing required request parameters(s): {"url"}',
    );
  });
});
