/**
 * The exit codes scripts can rely on (`apisig --help` lists them) and the two errors a
 * command stops with. Every message is written to quote no value it was given: a value on
 * the command line may be a credential typed in the wrong place.
 */

/** 0 done, 1 refused (by the server, or the token does not verify), 2 usage, 3 anything else. */
export const EXIT = { ok: 0, refused: 1, usage: 2, failed: 3 } as const;

/** One of the exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** How apisig was called is wrong (arguments, credentials, options): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command could not do its work (network, timeout, an HTTP error): exit 3. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}
