import { base64Decode, STD_ENCODING } from "./base64.js";
import { latin1Bytes } from "./bytes.js";

/** A decoded PEM block. */
export interface PemBlock {
  readonly type: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly bytes: Uint8Array;
}

function getLine(data: string): [string, string] {
  let i = data.indexOf("\n");
  let j: number;
  if (i < 0) {
    i = data.length;
    j = i;
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] === "\r") i--;
  }
  return [data.slice(0, i).replace(/[ \t]+$/, ""), data.slice(j)];
}

/**
 * Finds the next PEM block, as Go's `pem.Decode`: returns the block and the text after it, or
 * no block and the input unchanged. The text is handled as bytes (one char per byte).
 */
export function pemDecode(data: string): { block: PemBlock | undefined; rest: string } {
  let rest = data;
  for (;;) {
    if (rest.startsWith("-----BEGIN ")) rest = rest.slice(11);
    else {
      const at = rest.indexOf("\n-----BEGIN ");
      if (at < 0) return { block: undefined, rest: data };
      rest = rest.slice(at + 12);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith("-----")) continue;
    typeLine = typeLine.slice(0, -5);
    const headers = new Map<string, string>();
    let truncated = false;
    for (;;) {
      if (rest.length === 0) {
        truncated = true;
        break;
      }
      const [line, next] = getLine(rest);
      const colon = line.indexOf(":");
      if (colon < 0) break;
      headers.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      rest = next;
    }
    if (truncated) return { block: undefined, rest: data };
    let endIndex: number;
    let endTrailerIndex: number;
    if (headers.size === 0 && rest.startsWith("-----END ")) {
      endIndex = 0;
      endTrailerIndex = 9;
    } else {
      endIndex = rest.indexOf("\n-----END ");
      endTrailerIndex = endIndex + 10;
    }
    if (endIndex < 0) continue;
    let endTrailer = rest.slice(endTrailerIndex);
    const endTrailerLen = typeLine.length + 5;
    if (endTrailer.length < endTrailerLen) continue;
    const restOfEndLine = endTrailer.slice(endTrailerLen);
    endTrailer = endTrailer.slice(0, endTrailerLen);
    if (!endTrailer.startsWith(typeLine) || !endTrailer.endsWith("-----")) continue;
    if (getLine(restOfEndLine)[0].length !== 0) continue;
    const b64 = rest.slice(0, endIndex).replace(/[ \t]/g, "");
    let bytes: Uint8Array;
    try {
      bytes = base64Decode(latin1Bytes(b64), STD_ENCODING);
    } catch {
      continue;
    }
    const after = getLine(rest.slice(endIndex + 10 - 1))[1];
    return { block: { type: typeLine, headers, bytes }, rest: after };
  }
}

/** Encodes a PEM block as Go's `pem.Encode` does (64-column lines, no headers). */
export function pemEncode(type: string, body: string): string {
  let s = `-----BEGIN ${type}-----\n`;
  for (let i = 0; i < body.length; i += 64) s += `${body.slice(i, i + 64)}\n`;
  return `${s}-----END ${type}-----\n`;
}
