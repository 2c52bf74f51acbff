/** Gatekeeper's cap on a status violation's message, in bytes. */
export const MESSAGE_LIMIT_BYTES = 256;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Cuts a message the way Gatekeeper's audit does: longer than 256 UTF-8 bytes, it keeps the first
 * 253 bytes and appends `...`. Go cuts bytes, not characters, so a character split at the cut
 * leaves invalid bytes that Go's JSON encoder writes as one U+FFFD each; this does the same.
 */
export function truncateMessage(message: string, limit = MESSAGE_LIMIT_BYTES): string {
  if (message.length * 3 <= limit) return message;
  const bytes = encoder.encode(message);
  if (bytes.length <= limit) return message;
  const keep = limit > 3 ? limit - 3 : limit;
  let end = keep;
  // Step back over continuation bytes to the start of the last character.
  let start = end;
  while (start > 0 && ((bytes[start - 1] ?? 0) & 0xc0) === 0x80) start--;
  if (start > 0) {
    const lead = bytes[start - 1] ?? 0;
    const width = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (width > end - (start - 1)) end = start - 1;
  }
  const partial = keep - end;
  return `${decoder.decode(bytes.subarray(0, end))}${"\uFFFD".repeat(partial)}...`;
}
