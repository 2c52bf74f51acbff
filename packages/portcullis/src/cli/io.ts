/** Somewhere text goes: stdout, stderr, or a buffer in tests. */
export interface CliWriter {
  write(text: string): void;
}

/** What a command may touch of its process: its output streams and working directory. */
export interface CliIo {
  readonly stdout: CliWriter;
  readonly stderr: CliWriter;
  /** Directory that relative paths are read from. */
  readonly cwd: string;
}

/** The real process's streams and working directory. */
export function processIo(): CliIo {
  // A reader that goes away (`portcullis … | head`) ends the output, not the process with a stack.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
    });
  }
  return {
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stderr.write(text) },
    cwd: process.cwd(),
  };
}

/** Writers that keep what they are given, for tests and embedding. */
export function bufferIo(cwd: string): CliIo & { readonly out: () => string; readonly err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (text) => void out.push(text) },
    stderr: { write: (text) => void err.push(text) },
    cwd,
    out: () => out.join(""),
    err: () => err.join(""),
  };
}
