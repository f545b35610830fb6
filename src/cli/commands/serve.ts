import cluster from 'node:cluster'
import type { Command } from 'commander'
import { resolveDbLocation } from '../../archive/db-location.js'
import { ArchiveMissingError } from '../../store/database-file-error.js'
import { createApp } from '../../http/app.js'
import { openServer } from '../../http/open-server.js'
import { DEFAULT_READ_LIMITS } from '../../messaging/read-guard.js'
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
  secureCookies?: boolean
  readLimit: string
  exportLimit: string
  limitWindow: string
  workers: string
}

/** Resolves at SIGINT or SIGTERM (once), after `onSignal` has run. */
function untilSignal(onSignal: (signal: string) => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      void onSignal(signal).then(resolve)
    }
    const onInt = () => stop('SIGINT')
    const onTerm = () => stop('SIGTERM')
    process.on('SIGINT', onInt)
    process.on('SIGTERM', onTerm)
  })
}

/**
 * The primary of `--workers N`: forks N processes that each serve the same port (node:cluster hands them
 * connections) over the same database, prints the URL once all listen, and on a signal stops them all.
 */
async function runPrimary(workers: number, io: Io, log: (line: string) => void): Promise<void> {
  let url = ''
  const listening = new Promise<void>((resolve, reject) => {
    let ready = 0
    cluster.on('message', (_worker, message: { url?: string }) => {
      if (message?.url) {
        url = message.url
        if (++ready === workers) resolve()
      }
    })
    cluster.on('exit', (worker, code) => {
      if (ready < workers) reject(new CliError(`worker ${worker.process.pid} exited (${code}) before it listened`))
    })
  })
  for (let i = 0; i < workers; i++) cluster.fork()
  await listening
  io.stdout.write(`cable serve: ${workers} worker processes at ${url}/ (API reference: ${url}/api/docs)\n`)
  await untilSignal(async (signal) => {
    log(`${signal}: stopping ${workers} workers`)
    const exits = Object.values(cluster.workers ?? {}).map((w) => new Promise<void>((r) => (w!.isDead() ? r() : w!.once('exit', () => r()))))
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM')
    await Promise.all(exits)
    log('all workers stopped')
  })
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
    .option('--secure-cookies', 'behind an HTTPS proxy: session cookies are Secure (__Host- prefixed)')
    .option('--read-limit <n>', 'bulk-read guard: cables one user may open per window', String(DEFAULT_READ_LIMITS.reads))
    .option('--export-limit <n>', 'bulk-read guard: cables one user may export per window', String(DEFAULT_READ_LIMITS.exports))
    .option('--limit-window <minutes>', 'bulk-read guard: the window', String(DEFAULT_READ_LIMITS.windowMs / 60000))
    .option('--workers <n>', 'processes serving the same port over the same database (node:cluster); 1 = this process', '1')
    .action(async (flags: ServeFlags) => {
      const workers = wholeNumber('--workers', flags.workers, 1, 64)
      const port = wholeNumber('--port', flags.port, 0, 65535)
      const bodyLimit = wholeNumber('--body-limit', flags.bodyLimit, 1024)
      const readLimits = {
        reads: wholeNumber('--read-limit', flags.readLimit, 1),
        exports: wholeNumber('--export-limit', flags.exportLimit, 1),
        windowMs: wholeNumber('--limit-window', flags.limitWindow, 1, 7 * 24 * 60) * 60000,
      }
      const location = resolveDbLocation(flags.db, io.env, io.cwd)
      const log = (line: string) => io.stderr.write(`${new Date().toISOString()} ${line}\n`)
      if (workers > 1 && cluster.isPrimary) {
        if (port === 0) throw new CliError('--workers needs a --port: the workers share one')
        return runPrimary(workers, io, log)
      }
      let opened: Awaited<ReturnType<typeof openServer>>
      try {
        opened = await openServer({ location, public: Boolean(flags.public), staticDir: flags.static, bodyLimit, secureCookies: Boolean(flags.secureCookies), readLimits, log })
      } catch (error) {
        if (error instanceof ServiceError) throw new CliError(error.message, EXIT_CODES[error.code])
        if (error instanceof ArchiveMissingError) throw new CliError(error.message)
        throw error
      }
      const app = createApp(opened.deps)
      let running
      try {
        running = await listen(app, { host: flags.host, port }, [opened.stopStreams])
      } catch (error) {
        await opened.close()
        throw new CliError(`cannot listen on ${flags.host}:${port}: ${(error as Error).message}`)
      }
      if (cluster.isWorker) process.send?.({ url: running.url })
      else io.stdout.write(`cable serve: ${opened.deps.public ? 'public archive' : 'archive and messaging'} ${location} at ${running.url}/ (API reference: ${running.url}/api/docs)\n`)
      await untilSignal(async (signal) => {
        log(`${signal}: finishing in-flight requests`)
        await running.close()
        await opened.close()
        log('stopped; database closed')
        // a worker's IPC channel would keep it alive
        if (cluster.isWorker) process.disconnect()
      })
    })
}
