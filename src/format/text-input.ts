/**
 * Why decoded text is not telegram text, or null when it may be one. A NUL in the first 8 KB means a binary
 * file (an image, a database, an archive): the rule `cable import` applies to files it reads, shared by every
 * command that reads a file as a cable.
 */
export function binaryTextReason(text: string): string | null {
  return text.slice(0, 8192).includes('\u0000') ? 'binary file (contains NUL bytes)' : null
}
