import type { Command } from 'commander'
import { resolveDbLocation } from '../../archive/db-location.js'
import { ArchiveMissingError } from '../../archive/open-archive.js'
import { createApp } from '../../http/app.js'
import { openServer } from '../../http/open-server.js'
import { listen } from '../../http/server.js'
import { ServiceError } from '../../messaging/index.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import { wholeNumber } from '../option-values.js'
import type { SetExit } from './index.js'
import { EXIT_CODES } from './messaging-common.js'

interface ServeFlags {
  db?: string
  host: string
  port: string
  public?: boolean
  static?: string
  bodyLimit: string
}

/**
 * `cable serve`: the HTTP API (docs/http.md) until SIGINT or SIGTERM; then in-flight requests finish and the
 * database is closed. Prints the URL, then one log line per request on stderr.
 */
export function registerServe(program: Command, io: Io, _setExit: SetExit): void {
  program
    .command('serve')
    .description('serve the HTTP API (and the web app when built) on the database')
    .option('--db <path>', 'database file (default $CABLEGRAM_DB or ./cablegram.db)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '8080')
    .option('--public', 'serve a released archive read-only to anyone, without login; messaging routes are off')
    .option('--static <dir>', 'folder of the web app to serve at / (default dist/web when built)')
    .option('--body-limit <bytes>', 'largest request body accepted', String(1024 * 1024))
    .action(async (flags: ServeFlags) => {
      const port = wholeNumber('--port', flags.port, 0, 65535)
      const bodyLimit = wholeNumber('--body-limit', flags.bodyLimit, 1024)
      const location = resolveDbLocation(flags.db, io.env, io.cwd)
      const log = (line: string) => io.stderr.write(`${new Date().toISOString()} ${line}\n`)
      let opened: Awaited<ReturnType<typeof openServer>>
      try {
        opened = await openServer({ location, public: Boolean(flags.public), staticDir: flags.static, bodyLimit, log })
      } catch (error) {
        if (error instanceof ServiceError) throw new CliError(error.message, EXIT_CODES[error.code])
        if (error instanceof ArchiveMissingError) throw new CliError(error.message)
        throw error
      }
      const app = createApp(opened.deps)
      let running
      try {
        running = await listen(app, { host: flags.host, port })
      } catch (error) {
        await opened.close()
        throw new CliError(`cannot listen on ${flags.host}:${port}: ${(error as Error).message}`)
      }
      io.stdout.write(`cable serve: ${opened.deps.public ? 'public archive' : 'archive and messaging'} ${location} at ${running.url}/ (API reference: ${running.url}/api/docs)\n`)
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: finishing in-flight requests`)
          process.off('SIGINT', onInt)
          process.off('SIGTERM', onTerm)
          void running.close().then(async () => {
            await opened.close()
            log('stopped; database closed')
            resolve()
          })
        }
        const onInt = () => stop('SIGINT')
        const onTerm = () => stop('SIGTERM')
        process.on('SIGINT', onInt)
        process.on('SIGTERM', onTerm)
      })
    })
}
