/** What a command reads and writes: the process's environment and streams, nothing global. */

/** The environment, stdin and output of one run of the CLI. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** True when stdout is a terminal, not a pipe or a file. */
  readonly stdoutIsTerminal: boolean;
  /** Writes to stdout: what a script captures (headers, a body, a key). */
  out(text: string | Uint8Array): void;
  /** Writes to stderr: statuses, notes and errors. */
  err(text: string): void;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return {
    env: process.env,
    stdin: process.stdin,
    stdoutIsTerminal: process.stdout.isTTY === true,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
}

/** All of stdin, as bytes. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks);
}

/** Text from a file or a pipe without its one final line break (`echo` adds one). */
export function withoutFinalLineBreak(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
