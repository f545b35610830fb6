import { CliError } from './errors.js'
import type { Io } from './io.js'

/** Reads a file argument (`-` is standard input); I/O problems become a usage error naming the file. */
export async function readInput(io: Io, file: string): Promise<string> {
  if (file === '-') return io.readStdin()
  try {
    return io.readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(error)
    throw new CliError(`${file}: ${why}`, 2)
  }
}
