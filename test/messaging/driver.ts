/**
 * Child-process driver for the crash and concurrency tests (bundled by spawn-driver.ts):
 *   worker <db> <owner> <batch> <leaseMs>   deliver until the queue is empty
 *   release <db> <user> <draftId…>          release the given approved drafts, printing one JSON line each
 */
import { releaseDraft, runWorker } from '../../src/messaging/index.js'
import { openMessaging } from '../../src/messaging/messaging-service.js'

const [mode, db, who, ...rest] = process.argv.slice(2)
const ctx = await openMessaging(db)
if (mode === 'worker') {
  const [batch, lease] = rest.map(Number)
  process.stdout.write('ready\n')
  await runWorker(ctx, { owner: who, batchSize: batch, leaseMs: lease, untilEmpty: true })
} else if (mode === 'release') {
  for (const id of rest) {
    const r = await releaseDraft(ctx, who, Number(id))
    process.stdout.write(JSON.stringify({ draft: Number(id), cableId: r.cableId, mrn: r.mrn }) + '\n')
  }
} else {
  throw new Error(`unknown mode ${mode}`)
}
await ctx.store.close()
