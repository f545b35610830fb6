import type { Command } from 'commander'
import type { Cable } from '../../format/model.js'
import { renderCanonical } from '../../format/render-canonical.js'
import { renderLossless } from '../../format/render-lossless.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import { readInput } from '../read-input.js'
import type { SetExit } from './index.js'

export function registerRender(program: Command, io: Io, _setExit: SetExit): void {
  program
    .command('render')
    .description('render cables from the JSON model (output of `cable parse`) back to telegram text')
    .argument('<file>', 'JSON or JSON Lines of the Cable model; - reads standard input')
    .option('--canonical', 'write a correct telegram from the structured fields alone, ignoring the original text')
    .addHelpText('after', '\nWithout --canonical the output is the original input, byte for byte. Several cables (JSON Lines)\nare written one after another, each followed by a form feed line.')
    .action(async (file: string, opts: { canonical?: boolean }) => {
      const cables = readCables(await readInput(io, file), file)
      const render = opts.canonical ? renderCanonical : renderLossless
      if (cables.length === 1) io.stdout.write(render(cables[0]))
      else for (const c of cables) io.stdout.write(`${render(c)}\n\f\n`)
    })
}

function readCables(text: string, file: string): Cable[] {
  const trimmed = text.trim()
  if (!trimmed) throw new CliError(`${file}: empty input, expected JSON of a cable`)
  try {
    return [checkCable(JSON.parse(trimmed), file, 1)]
  } catch (error) {
    if (error instanceof CliError) throw error
  }
  const cables: Cable[] = []
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new CliError(`${file}:${i + 1}: not JSON: ${(error as Error).message}`)
    }
    cables.push(checkCable(value, file, i + 1))
  })
  return cables
}

function checkCable(value: unknown, file: string, line: number): Cable {
  const c = value as Partial<Cable>
  if (!c || typeof c !== 'object' || !Array.isArray(c.segments) || !Array.isArray(c.body) || !c.layout || !c.envelope) {
    throw new CliError(`${file}:${line}: not a Cable model (segments, body, layout and envelope are required; use \`cable parse\` without --fields)`)
  }
  return c as Cable
}
