import { binaryTextReason } from '../format/text-input.js'
import { CliError } from './errors.js'
import type { Io } from './io.js'

/**
 * Reads a file argument (`-` is standard input); I/O problems and binary files (the rule `cable import`
 * applies) become a usage error naming the file.
 */
export async function readInput(io: Io, file: string): Promise<string> {
  const text = file === '-' ? await io.readStdin() : readFileArgument(io, file)
  const binary = binaryTextReason(text)
  if (binary) throw new CliError(`${file === '-' ? 'standard input' : file}: ${binary}`, 2)
  return text
}

function readFileArgument(io: Io, file: string): string {
  try {
    return io.readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(error)
    throw new CliError(`${file}: ${why}`, 2)
  }
}
