import type { Command } from 'commander'
import pc from 'picocolors'
import type { ReaderFlags } from '../../archive/open-archive.js'
import { writeSearch, OUTPUT_FORMATS } from '../../archive/output/write-search.js'
import { QuerySyntaxError } from '../../archive/query/query-error.js'
import { searchArchive } from '../../archive/search-archive.js'
import type { SortOrder } from '../../store/store.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { openForReading, readerOptions } from './show.js'
import { oneOf, wholeNumber } from '../option-values.js'

const SORTS: readonly SortOrder[] = ['rank', 'date', 'date-desc']

/** `cable search QUERY`: the query language of docs/search.md; exit 1 when nothing matches. */
export function registerSearch(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('search'))
    .description('search the archive (query language: docs/search.md)')
    .argument('<query...>', 'the query; several words are joined with spaces')
    .option('--sort <order>', 'rank (BM25), date (oldest first) or date-desc', 'rank')
    .option('--limit <n>', 'hits to show (default 20 for table, all for json/jsonl/csv)')
    .option('--offset <n>', 'hits to skip', '0')
    .option('--facets', 'counts by origin, year, classification, tag, precedence and caption over the whole result')
    .option('--format <format>', 'table, json, jsonl or csv', 'table')
    .option('--no-snippets', 'leave out the highlighted excerpts')
    // a query may start with an exclusion (`cable search -iran`): words that look like options are query
    // words, except `--name`, which is never query syntax and most likely a mistyped option
    .allowUnknownOption()
    .action(async (words: string[], opts: Record<string, string | boolean | undefined>) => {
      const typo = words.find((w) => /^--[A-Za-z]/.test(w))
      if (typo) throw new CliError(`unknown option '${typo.split('=')[0]}' (see cable search --help)`)
      const format = oneOf('--format', opts.format as string, OUTPUT_FORMATS)
      const sort = oneOf('--sort', opts.sort as string, SORTS)
      const limit = opts.limit === undefined ? (format === 'table' ? 20 : undefined) : wholeNumber('--limit', opts.limit as string)
      const offset = wholeNumber('--offset', opts.offset as string)
      const { store, access, reader } = await openForReading(opts as ReaderFlags, io)
      try {
        const result = await searchArchive(store, {
          query: words.join(' '),
          sort,
          limit,
          offset,
          facets: Boolean(opts.facets),
          snippets: opts.snippets !== false,
          access,
        })
        // colour follows the output stream, not picocolors' guess from the environment (it colours whenever CI is set)
        const tty = pc.createColors(true)
        const emphasize = io.stdout.isTTY ? (s: string) => tty.bold(tty.yellow(s)) : undefined
        await writeSearch(result, (s) => io.stdout.write(s), { format, offset, emphasize })
        await reader.auditSearch(store, result.query, result.total)
        if (result.total === 0) setExit(1)
      } catch (error) {
        if (error instanceof QuerySyntaxError) throw new CliError(`${error.message}\n${error.excerpt()}`)
        throw error
      } finally {
        await reader.close()
        await store.close()
      }
    })
}

