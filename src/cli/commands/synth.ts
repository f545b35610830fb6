import type { Command } from 'commander'
import { writeSynth } from '../../archive/synth/write-synth.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { resolve } from 'node:path'
import { oneOf, positiveInt, wholeNumber } from '../option-values.js'

/** `cable synth --count N --seed S --out PATH`: a synthetic corpus for scale tests. */
export function registerSynth(program: Command, io: Io, setExit: SetExit): void {
  void setExit
  program
    .command('synth')
    .description('write a synthetic corpus (unique ids, references among the cables) for scale tests')
    .requiredOption('--out <path>', 'directory (txt) or file (csv) to write')
    .option('--count <n>', 'number of cables', '1000')
    .option('--seed <n>', 'random seed: the same seed writes the same corpus', '1')
    .option('--format <format>', 'txt (one file per cable) or csv (cables.csv layout)', 'txt')
    .action(async (opts: { out: string; count: string; seed: string; format: string }) => {
      const count = positiveInt('--count', opts.count)
      const seed = wholeNumber('--seed', opts.seed, -Number.MAX_SAFE_INTEGER)
      const format = oneOf('--format', opts.format, ['txt', 'csv'] as const)
      const out = resolve(io.cwd, opts.out)
      let bytes: number
      try {
        bytes = await writeSynth(out, count, seed, format)
      } catch (error) {
        throw new CliError(`cannot write ${out}: ${(error as Error).message}`)
      }
      io.stdout.write(`Wrote ${count} synthetic cables (${(bytes / 1e6).toFixed(1)} MB of text) to ${out}\n`)
    })
}
