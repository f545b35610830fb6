/** An error the CLI reports as one line on stderr with the given exit code (2 = usage or I/O problem). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message)
  }
}
