import { readdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { fixText, lintTextResult, loadConfig, LintConfigError, parseRuleFlag, type LintConfig, type Mode } from '../../lint/index.js'
import { formatJson, formatPretty, type FileReport } from '../../lint/output/pretty.js'
import { formatSarif } from '../../lint/output/sarif.js'
import { unifiedDiff } from '../../lint/output/unified-diff.js'
import { formatStatsTable, StatsCollector } from '../../lint/stats.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import { idFromFileName } from '../../format/file-id.js'
import { readInput } from '../read-input.js'
import type { SetExit } from './index.js'

interface LintFlags {
  mode?: string
  format?: string
  config?: string
  rule: string[]
  fix?: boolean
  dryRun?: boolean
  stats?: boolean
  color?: boolean
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

/** Every `.txt`/`.html` file under the given directories, sorted, so runs are reproducible. */
function cableFiles(dirs: string[]): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    let entries: string[]
    try {
      entries = readdirSync(dir)
    } catch (error) {
      throw new CliError(`${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : String(error)}`, 2)
    }
    for (const name of entries.sort()) {
      const path = join(dir, name)
      // a dangling symlink is listed as a cable file and then reported unreadable, not a crash
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) walk(path)
      else if (/\.(txt|html?)$/i.test(name)) out.push(path)
    }
  }
  for (const dir of dirs) {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`${dir}: not a directory (--stats takes directories)`, 2)
    walk(dir)
  }
  return out
}

/** Writes through a temporary file and a rename, so an interrupted fix never leaves half a cable. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.cable-lint-${process.pid}.tmp`
  writeFileSync(tmp, text, 'utf8')
  renameSync(tmp, path)
}

function options(io: Io, flags: LintFlags): { mode: Mode; config: LintConfig } {
  try {
    const { config } = loadConfig(io.readFile, io.cwd, flags.config)
    const rules = { ...config.rules }
    for (const flag of flags.rule) {
      const [id, level] = parseRuleFlag(flag)
      rules[id] = level
    }
    const mode = flags.mode ?? config.mode ?? (flags.stats ? 'archive' : 'compose')
    if (mode !== 'compose' && mode !== 'archive') throw new CliError(`--mode must be compose or archive, not ${mode}`, 2)
    return { mode, config: { ...config, rules } }
  } catch (error) {
    if (error instanceof LintConfigError) throw new CliError(error.message, 2)
    throw error
  }
}

export function registerLint(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('lint')
    .description('Check cables against the spec §9 rules (compose: strict for drafts; archive: tolerant for released cables)')
    .argument('<path...>', 'cable files (- reads standard input); with --stats, directories')
    .option('--mode <mode>', 'compose (default) or archive; --stats defaults to archive')
    .option('--format <format>', 'pretty (default), json or sarif; with --stats: table (default) or json')
    .option('--config <file>', 'configuration file (default: nearest .cablelintrc.json)')
    .option('--rule <id=level>', 'set a rule to error, warning, info or off (repeatable)', collect, [])
    .option('--fix', 'apply safe mechanical fixes in place (standard input: print the fixed text)')
    .option('--dry-run', 'with --fix: print a unified diff instead of writing')
    .option('--stats', 'lint every cable under the directories and print rule hit rates by year and classification')
    .option('--no-color', 'no colour even on a terminal')
    .addHelpText('after', '\nExit status: 0 no errors, 1 errors found, 2 usage or I/O problem. Rules: docs/rules.md. Guide: docs/lint.md.')
    .action(async (paths: string[], flags: LintFlags) => {
      const { mode, config } = options(io, flags)
      if (flags.dryRun && !flags.fix) throw new CliError('--dry-run only applies to --fix', 2)
      if (flags.stats) {
        const format = flags.format ?? 'table'
        if (format !== 'table' && format !== 'json') throw new CliError(`--stats --format must be table or json, not ${format}`, 2)
        if (flags.fix) throw new CliError('--stats does not fix; run --fix on files', 2)
        const stats = new StatsCollector(mode, config)
        for (const file of cableFiles(paths)) {
          let text: string
          try {
            text = io.readFile(file)
          } catch (error) {
            stats.unreadable(file, (error as NodeJS.ErrnoException).code ?? String(error))
            continue
          }
          stats.add(text, file, (file === '-' ? undefined : idFromFileName(file)))
        }
        const result = stats.result()
        io.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatStatsTable(result))
        setExit(result.unreadable.length > 0 ? 2 : 0)
        return
      }
      const format = flags.format ?? 'pretty'
      if (!['pretty', 'json', 'sarif'].includes(format)) throw new CliError(`--format must be pretty, json or sarif, not ${format}`, 2)
      const reports: FileReport[] = []
      const corpus = { ids: new Map<string, string>() }
      for (const file of paths) {
        const input = await readInput(io, file)
        const lintOptions = { mode, config, source: file, claimedId: (file === '-' ? undefined : idFromFileName(file)), corpus }
        if (flags.fix) {
          const fixed = fixText(input, lintOptions)
          if (fixed.wrapped) io.stderr.write(`cable lint: ${file}: HTML/CSV input is reported, not fixed; fix the telegram text\n`)
          else if (flags.dryRun) io.stdout.write(unifiedDiff(file === '-' ? 'stdin' : file, fixed.original, fixed.text))
          else if (file === '-') io.stdout.write(fixed.text)
          else if (fixed.text !== fixed.original) writeAtomically(resolve(io.cwd, file), fixed.text)
          reports.push({ file, text: fixed.text, messages: fixed.messages })
          continue
        }
        const result = lintTextResult(input, lintOptions)
        reports.push({ file, text: result.text, messages: result.messages })
      }
      // the fixed text itself goes to stdout for `-`, so the report moves to stderr there
      const sink = flags.fix && (flags.dryRun || paths.includes('-')) ? io.stderr : io.stdout
      const color = flags.color !== false && sink.isTTY === true && io.env.NO_COLOR === undefined
      sink.write(format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, mode) : formatPretty(reports, color))
      setExit(reports.some((r) => r.messages.some((m) => m.severity === 'error')) ? 1 : 0)
    })
}
