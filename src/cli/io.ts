import { readFileSync } from 'node:fs'

/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean }
  stderr: { write(s: string): unknown; isTTY?: boolean }
  readStdin(): Promise<string>
  readFile(path: string): string
  cwd: string
  env: Record<string, string | undefined>
}

export function nodeIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    readFile: (path) => readFileSync(path, 'utf8'),
    cwd: process.cwd(),
    env: process.env,
  }
}
