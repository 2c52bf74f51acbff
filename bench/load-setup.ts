import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureCertificates } from "../packages/portcullis/src/certs/cert-dir.js";
import { libraryDir } from "./audit.js";
import { type Pinning, pinLoadDriver, unpinLoadDriver } from "./pinning.js";
import { podReviews } from "./pod-reviews.js";

/** What the webhook bench and the scripts loading servers with its requests share. */
export interface LoadSetup {
  /** The checkout the requests are read from. */
  readonly root: string;
  /** Certificates the servers serve with (made in a temporary folder). */
  readonly certDir: string;
  /** The CA the load driver trusts. */
  readonly ca: string;
  /** The webhook bench's requests. */
  readonly bodies: Buffer[];
  /** The servers on CPU 0 and this process on CPU 1, where the machine allows. */
  readonly pinning: Pinning;
  /** Unpins this process and removes the temporary folder. */
  close(): void;
}

/**
 * Makes certificates in a temporary folder named after `name`, reads the requests of the library
 * beside checkout `root` and pins the load driver.
 */
export function loadSetup(name: string, root: string): LoadSetup {
  const work = mkdtempSync(join(tmpdir(), `portcullis-${name}-`));
  const certDir = join(work, "certs");
  const ca = ensureCertificates(certDir).ca ?? "";
  const bodies = podReviews(libraryDir(root));
  const pinning = pinLoadDriver();
  return {
    root,
    certDir,
    ca,
    bodies,
    pinning,
    close(): void {
      unpinLoadDriver(pinning);
      rmSync(work, { recursive: true, force: true });
    },
  };
}
