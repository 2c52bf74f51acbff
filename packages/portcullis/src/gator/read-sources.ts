import { GatorError } from "./errors.js";
import { listInputFiles } from "./input-files.js";
import { parseDocuments, readText, type SourceDocument, STDIN_NAME } from "./read-documents.js";

/** Where `portcullis test` reads from besides files. */
export interface SourceReaders {
  /** Directory relative paths are read from. */
  readonly cwd: string;
  /** Reads all of standard input. */
  readonly readStdin: () => Promise<string>;
  /** True when standard input is piped or redirected (read it when no `-f` is given, as gator does). */
  readonly stdinPiped: boolean;
}

/** Documents read. */
export interface ReadSourcesResult {
  readonly documents: SourceDocument[];
}

/**
 * Reads `-f` paths (files, directories walked for .yaml/.yml/.json, `-` for stdin) into their
 * documents, in order. With no paths, reads stdin when it is piped. Throws GatorError naming
 * the file (and line:col for YAML errors); `no_input` when nothing was given.
 */
export async function readSources(
  paths: readonly string[],
  readers: SourceReaders,
): Promise<ReadSourcesResult> {
  const documents: SourceDocument[] = [];
  const add = (text: string, file: string): void => {
    documents.push(...parseDocuments(text, file));
  };
  let stdinRead = false;
  for (const path of paths) {
    if (path === "-") {
      if (!stdinRead) add(await readers.readStdin(), STDIN_NAME);
      stdinRead = true;
      continue;
    }
    for (const f of listInputFiles(path, readers.cwd)) add(readText(f.absolute, f.display), f.display);
  }
  if (paths.length === 0 && readers.stdinPiped) add(await readers.readStdin(), STDIN_NAME);
  if (documents.length === 0) throw new GatorError("no_input", "no input data identified");
  return { documents };
}
