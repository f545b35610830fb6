import type { Command } from 'commander'
import { hostname } from 'node:os'
import { deliveryStatus, runWorker } from '../../messaging/index.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { withMessagingOptions, withService, writeJson } from './messaging-common.js'
import { positiveInt } from '../option-values.js'

/** `cable deliver`: the delivery worker (highest precedence first; crash-safe leases). */
export function registerDeliver(program: Command, io: Io, _setExit: SetExit): void {
  withMessagingOptions(program.command('deliver'))
    .description('run the delivery worker: until the queue is empty, or with --watch until interrupted')
    .option('--watch', 'keep running and deliver new releases as they come (stop with Ctrl-C / SIGTERM)')
    .option('--batch <n>', 'deliveries leased per claim', '25')
    .option('--lease-ms <ms>', 'lease length; a dead worker’s items are retried after it', '30000')
    .option('--idle-ms <ms>', 'sleep when the queue is empty (with --watch)', '50')
    .option('--worker <name>', 'name of this worker in leases and the audit log (default host:pid)')
    .option('--status', 'only show the pending deliveries by precedence')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      if (opts.status) {
        const pending = await withService(io, opts, (ctx, user) => deliveryStatus(ctx, user))
        if (opts.json) return writeJson(io, pending)
        for (const p of pending) io.stdout.write(`${p.precedence}\t${p.count}\n`)
        return
      }
      const owner = opts.worker ?? `${hostname()}:${process.pid}`
      const controller = new AbortController()
      const stop = () => controller.abort()
      if (opts.watch) {
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      }
      try {
        const total = await withService(io, opts, (ctx) =>
          runWorker(ctx, {
            owner,
            batchSize: positiveInt('--batch', opts.batch),
            leaseMs: positiveInt('--lease-ms', opts.leaseMs),
            idleMs: positiveInt('--idle-ms', opts.idleMs),
            untilEmpty: !opts.watch,
            signal: controller.signal,
          }),
        )
        if (opts.json) return writeJson(io, total)
        io.stdout.write(`delivered ${total.delivered}${total.duplicates ? ` (${total.duplicates} already delivered before a restart)` : ''}\n`)
      } finally {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
      }
    })
}
