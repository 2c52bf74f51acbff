/** Stable codes of {@link CertError}. */
export type CertErrorCode =
  | "cert_unreadable"
  | "cert_invalid"
  | "cert_key_mismatch"
  | "cert_incomplete"
  | "cert_unwritable";

/** A certificate directory that cannot be used; the message names the files. */
export class CertError extends Error {
  readonly code: CertErrorCode;

  constructor(code: CertErrorCode, message: string) {
    super(message);
    this.name = "CertError";
    this.code = code;
  }
}
