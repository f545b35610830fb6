import type { Command } from 'commander'
import { parseCable } from '../../format/parse.js'
import { publicFields } from '../../format/public-fields.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import { idFromFileName } from '../../format/file-id.js'
import { readInput } from '../read-input.js'
import type { SetExit } from './index.js'

export function registerParse(program: Command, io: Io, _setExit: SetExit): void {
  program
    .command('parse')
    .description('parse cables (raw telegram text, Cablegate HTML page, or a cables.csv row) into the Cable model as JSON')
    .argument('<file...>', 'files to parse; - reads standard input')
    .option('--format <format>', 'json (one file), jsonl (one object a line), or table', undefined)
    .option('--fields', 'print only the public fields (id, date, origin, … diagnostics), not the recorded structure')
    .option('--no-hint', 'do not take the reference id from a file named by it (FILE = <id>.txt) when the text lacks the year')
    .addHelpText('after', '\nSeveral files give JSON Lines in argument order. See docs/data-model.md for every field.')
    .action(async (files: string[], opts: { format?: string; fields?: boolean; hint: boolean }) => {
      const format = opts.format ?? (files.length > 1 ? 'jsonl' : 'json')
      if (!['json', 'jsonl', 'table'].includes(format)) throw new CliError(`--format must be json, jsonl or table, not ${format}`)
      if (format === 'json' && files.length > 1) throw new CliError('--format json takes one file; use jsonl for several')
      const rows: string[][] = []
      for (const file of files) {
        const text = await readInput(io, file)
        const cable = parseCable(text, { hint: opts.hint ? { id: (file === '-' ? undefined : idFromFileName(file)) } : undefined })
        const out = opts.fields ? publicFields(cable) : cable
        if (format === 'json') io.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
        else if (format === 'jsonl') io.stdout.write(`${JSON.stringify(out)}\n`)
        else {
          const problems = cable.diagnostics.filter((d) => d.severity !== 'info').length
          rows.push([cable.id ?? '?', cable.date?.slice(0, 16).replace('T', ' ') ?? '?', cable.classification ?? '?', String(cable.paragraphs.length), String(problems), (cable.subject ?? '').slice(0, 60)])
        }
      }
      if (format === 'table') io.stdout.write(table(['ID', 'DATE (UTC)', 'CLASSIFICATION', 'PARAS', 'WARN', 'SUBJECT'], rows))
    })
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()
  return [line(head), ...rows.map(line)].join('\n') + '\n'
}
