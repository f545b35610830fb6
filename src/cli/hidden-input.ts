import { CliError } from './errors.js'

/** A terminal to read from: Node's `process.stdin` when it is a TTY, or a test's stand-in. */
export interface TerminalInput {
  isTTY?: boolean
  setRawMode(mode: boolean): unknown
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown
  removeListener(event: 'data', listener: (chunk: Buffer | string) => void): unknown
  resume(): unknown
  pause(): unknown
}

/**
 * Reads one line from a terminal without echoing it (a password typed at `cable user passwd`): the terminal
 * is put in raw mode, so nothing typed is shown, not even as stars (their count would tell the length).
 * Backspace erases, Enter ends the line, Ctrl-C and Ctrl-D (on an empty line) cancel; the terminal is
 * restored whatever happens.
 *
 * @example
 *   const password = await readHiddenLine(process.stdin, process.stderr, 'New password for dora: ')
 */
export function readHiddenLine(input: TerminalInput, output: { write(s: string): unknown }, prompt: string): Promise<string> {
  output.write(prompt)
  input.setRawMode(true)
  input.resume()
  return new Promise((resolve, reject) => {
    let line = ''
    let escape = false
    const finish = (error: CliError | null) => {
      input.removeListener('data', onData)
      input.setRawMode(false)
      input.pause()
      output.write('\n')
      if (error) reject(error)
      else resolve(line)
    }
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (escape) {
          // an escape sequence (arrow keys, function keys) ends with a letter or ~; none of it is typed text
          if (/[A-Za-z~]/.test(ch)) escape = false
          continue
        }
        if (ch === '\u001b') {
          escape = true
          continue
        }
        if (ch === '\r' || ch === '\n') return finish(null)
        if (ch === '\u0003') return finish(new CliError('cancelled', 130))
        if (ch === '\u0004') {
          if (line === '') return finish(new CliError('cancelled: no password typed', 2))
          continue
        }
        if (ch === '\u007f' || ch === '\b') line = [...line].slice(0, -1).join('')
        else if (ch >= ' ') line += ch
        // other control characters are not part of a password
      }
    }
    input.on('data', onData)
  })
}
