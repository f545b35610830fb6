import type { Command } from 'commander'
import { canonicalId } from '../../format/ids.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'

export function registerId(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('id')
    .description('print the canonical reference id of each id given (repairs malformed ids such as 08SCTION02OF02SAOPAULO335)')
    .argument('<id...>', 'reference ids as found in texts or archives')
    .action((ids: string[]) => {
      for (const raw of ids) {
        const id = canonicalId(raw)
        if (id) io.stdout.write(`${id}\n`)
        else {
          io.stderr.write(`cable id: ${raw}: not a reference id (expected year, origin and serial, e.g. 09STATE99704)\n`)
          setExit(1)
        }
      }
    })
}
