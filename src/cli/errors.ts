/** An error the CLI reports as one line on stderr with the given exit code (2 = usage or I/O problem). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message)
  }
}

/**
 * The CLI's line for a cable the reader may read only in part and asked for what rests on the whole of it (`diff`,
 * `show --versions`, `redact`: the service's `ReadInPartError`, src/archive/cable-versions.ts), with the command that
 * gives him what he may read: `cable show ID`, which works with the reader options he gave (QA 10 F2).
 */
export function readInPartLine(error: { id: string; message: string }): string {
  return `cable: ${error.message} (\`cable show ${error.id}\` shows what you may read)\n`
}
