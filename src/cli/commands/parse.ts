import type { Command } from 'commander'
import { cfpfTextItems } from '../../archive/import/cfpf-text.js'
import type { Cable } from '../../format/model.js'
import { parseCable } from '../../format/parse.js'
import { publicFields } from '../../format/public-fields.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import { idFromFileName } from '../../format/file-id.js'
import { readInput } from '../read-input.js'
import type { SetExit } from './index.js'

/**
 * `cable parse FILE…`: the Cable model of each telegram text, Cablegate page or cables.csv row, and of every
 * record of a NARA CFPF export (AAD CSV, History Lab CSV, JSON, JSON Lines) through `cable import`'s decoder.
 */
export function registerParse(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('parse')
    .description('parse cables (raw telegram text, Cablegate HTML page, a cables.csv row, or the records of a NARA CFPF export) into the Cable model as JSON')
    .argument('<file...>', 'files to parse; - reads standard input')
    .option('--format <format>', 'json (one file), jsonl (one object a line), or table', undefined)
    .option('--fields', 'print only the public fields (id, date, origin, … diagnostics), not the recorded structure')
    .option('--no-hint', 'do not take the reference id from a file named by it (FILE = <id>.txt) when the text lacks the year')
    .addHelpText('after', '\nSeveral files, or a CFPF export of several records, give JSON Lines in argument order. See docs/data-model.md for every field.')
    .action(async (files: string[], opts: { format?: string; fields?: boolean; hint: boolean }) => {
      if (opts.format !== undefined && !['json', 'jsonl', 'table'].includes(opts.format)) throw new CliError(`--format must be json, jsonl or table, not ${opts.format}`)
      if (opts.format === 'json' && files.length > 1) throw new CliError('--format json takes one file; use jsonl for several')
      const cables: Cable[] = []
      let unreadable = 0
      for (const file of files) {
        const text = await readInput(io, file)
        const name = file === '-' ? 'standard input' : file
        // a NARA CFPF export (AAD or History Lab CSV, JSON, JSON Lines): every record, read as `cable import` reads it
        const records = await cfpfTextItems(text, name)
        if (records) {
          cables.push(...records.items.map((r) => r.cable))
          for (const p of records.problems) io.stderr.write(`cable: ${p.locator}: ${p.reason}\n`)
          unreadable += records.problems.length
          continue
        }
        cables.push(parseCable(text, { hint: opts.hint ? { id: (file === '-' ? undefined : idFromFileName(file)) } : undefined }))
      }
      const format = opts.format ?? (cables.length > 1 ? 'jsonl' : 'json')
      if (format === 'json' && cables.length > 1) throw new CliError(`--format json prints one cable, and ${files[0]} holds ${cables.length} records; use jsonl`)
      const rows: string[][] = []
      for (const cable of cables) {
        const out = opts.fields ? publicFields(cable) : cable
        if (format === 'json') io.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
        else if (format === 'jsonl') io.stdout.write(`${JSON.stringify(out)}\n`)
        else {
          const problems = cable.diagnostics.filter((d) => d.severity !== 'info').length
          rows.push([cable.id ?? '?', cable.date?.slice(0, 16).replace('T', ' ') ?? '?', cable.classification ?? '?', String(cable.paragraphs.length), String(problems), (cable.subject ?? '').slice(0, 60)])
        }
      }
      if (format === 'table') io.stdout.write(table(['ID', 'DATE (UTC)', 'CLASSIFICATION', 'PARAS', 'WARN', 'SUBJECT'], rows))
      // records of a CFPF export that could not be read were named on stderr: exit 1, as `cable import` does
      if (unreadable) setExit(1)
    })
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()
  return [line(head), ...rows.map(line)].join('\n') + '\n'
}
