import pc from 'picocolors'
import type { LintMessage } from '../types.js'
import { LineIndex } from '../../format/span.js'

/** Longest source excerpt shown under a message; long reflowed paragraphs are cut around the span. */
const EXCERPT = 100

export interface FileReport {
  file: string
  text: string
  messages: LintMessage[]
}

// picocolors decides at import whether the process has a colour terminal; the caller already decided
const paint = (color: boolean) => {
  const p = pc.createColors(color)
  return { error: p.red, warning: p.yellow, info: p.blue, dim: p.dim, bold: p.bold }
}

/**
 * Compiler-style output: `file:line:col: severity RULE message`, the source line and a caret under the span.
 *
 * @example
 *   formatPretty([{ file: 'a.txt', text, messages }], false)
 *   // a.txt:18:18: warning TXT-010 Unknown TAG `POGOV`, did you mean `PGOV`?
 *   //   TAGS: [PREL](#) [POGOV](#) [FR](#) [UK](#)
 *   //                    ^^^^^
 */
export function formatPretty(reports: readonly FileReport[], color: boolean): string {
  const c = paint(color)
  let out = ''
  for (const { file, text, messages } of reports) {
    const index = new LineIndex(text)
    for (const m of messages) {
      const { start, end } = m.span
      out += `${c.bold(`${file}:${start.line}:${start.column}:`)} ${c[m.severity](m.severity)} ${c.dim(m.ruleId)} ${m.message}\n`
      const line = index.lineText(start.line)
      const width = end.line === start.line ? Math.max(1, end.column - start.column) : Math.max(1, line.length - start.column + 1)
      let from = 0
      if (line.length > EXCERPT) from = Math.max(0, Math.min(start.column - 1 - 20, line.length - EXCERPT))
      const shown = line.slice(from, from + EXCERPT)
      const pad = line.slice(from, start.column - 1).replace(/[^\t]/g, ' ')
      const prefix = from > 0 ? '…' : ''
      out += `  ${prefix}${shown}${from + EXCERPT < line.length ? '…' : ''}\n`
      out += `  ${prefix ? ' ' : ''}${pad}${c[m.severity]('^'.repeat(Math.min(width, EXCERPT - pad.length)))}\n`
    }
  }
  const all = reports.flatMap((r) => r.messages)
  const count = (s: string) => all.filter((m) => m.severity === s).length
  const summary = `${all.length} problem${all.length === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} info) in ${reports.length} file${reports.length === 1 ? '' : 's'}`
  return out + (all.length === 0 ? `${c.dim(summary)}\n` : `${c.bold(summary)}\n`)
}

/**
 * `--format json`: one object per file with its counts, messages as in the API.
 *
 * @example
 *   JSON.parse(formatJson(reports))[0].errorCount
 */
export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(
    reports.map((r) => ({
      file: r.file,
      errorCount: r.messages.filter((m) => m.severity === 'error').length,
      warningCount: r.messages.filter((m) => m.severity === 'warning').length,
      infoCount: r.messages.filter((m) => m.severity === 'info').length,
      messages: r.messages,
    })),
    null,
    2,
  )}\n`
}
