import type { Command } from 'commander'
import { resolveDbLocation } from '../../archive/db-location.js'
import { openArchiveForReading } from '../../archive/open-archive.js'
import { configurePortionAccess } from '../../archive/portion-access.js'
import { archiveConfigurer, ServiceError, type ArchiveConfigurer } from '../../messaging/index.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { EXIT_CODES } from './messaging-common.js'
import { oneOf } from '../option-values.js'

/**
 * `cable archive-config portion-access [on|off]`: shows or sets portion-level access (docs/search.md). Anyone
 * may set it in a plain archive; in an operator database only an admin (`--as`), audited.
 */
export function registerArchiveConfig(program: Command, io: Io, _setExit: SetExit): void {
  program
    .command('archive-config')
    .description('show or change an archive setting: portion-access on|off (readers below a cable\'s level find and read its redacted rendering)')
    .argument('<setting>', 'the setting: portion-access')
    .argument('[value]', 'on or off; omitted: print the current value')
    .option('--db <path>', 'database file (default $CABLEGRAM_DB or ./cablegram.db)')
    .option('--as <user>', 'in an operator database: the acting user, an admin (default $CABLEGRAM_USER)')
    .action(async (setting: string, value: string | undefined, opts: { db?: string; as?: string }) => {
      oneOf('setting', setting, ['portion-access'] as const)
      if (value !== undefined) oneOf('value', value, ['on', 'off'] as const)
      const location = resolveDbLocation(opts.db, io.env, io.cwd)
      if (value === undefined) {
        const store = openArchiveForReading(location)
        try {
          io.stdout.write(`portion-access ${(await store.portionAccess()) ? 'on' : 'off'}\n`)
        } finally {
          await store.close()
        }
        return
      }
      let configurer: ArchiveConfigurer
      try {
        configurer = await archiveConfigurer(location, opts.as ?? io.env['CABLEGRAM_USER'])
      } catch (error) {
        if (error instanceof ServiceError) throw new CliError(error.message, EXIT_CODES[error.code])
        throw error
      }
      try {
        const store = openArchiveForReading(location, { write: true })
        try {
          await configurePortionAccess(store, value === 'on')
        } finally {
          await store.close()
        }
        await configurer.record('portion-access', value)
        io.stdout.write(`portion-access ${value}\n`)
      } finally {
        await configurer.close()
      }
    })
}
