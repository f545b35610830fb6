import type { Command } from 'commander'
import { AUDIT_OUTCOMES, queryAudit, verifyAudit } from '../../messaging/index.js'
import { ALERT_ACTION } from '../../messaging/read-guard.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { isoTime, withMessagingOptions, withService, writeJson } from './messaging-common.js'
import { oneOf, positiveInt } from '../option-values.js'

/** `cable audit`: the append-only audit log (admins see all entries, others their own). */
export function registerAudit(program: Command, io: Io, setExit: SetExit): void {
  withMessagingOptions(program.command('audit'))
    .description('query the audit log of releases, deliveries, reads, denials and refusals')
    .option('--user <name>', 'entries by this actor')
    .option('--action <action>', 'draft, clear, approve, release, deliver, read, inbox, acknowledge, …')
    .option('--outcome <outcome>', 'ok, denied or refused')
    .option('--cable <id>', 'entries about this cable')
    .option('--since <iso>', 'entries at or after this time (ISO 8601)')
    .option('--limit <n>', 'at most this many entries')
    .option('--alerts', 'only bulk-read alerts (a user crossed the read or export limit of cable serve)')
    .option('--json', 'print JSON')
    .option('--verify', 'check the hash chain end to end and report the first broken link (exit 1 when broken)')
    .option('--expect-head <hash>', 'with --verify: the head hash noted at an earlier verification')
    .action(async (opts) => {
      if (opts.verify) {
        const v = await withService(io, opts, (ctx, user) => verifyAudit(ctx, user, opts.expectHead))
        if (opts.json) writeJson(io, v)
        else {
          io.stdout.write(`${v.entries} entries verified; head ${v.head}\n`)
          if (v.broken) io.stdout.write(`BROKEN at entry ${v.broken.id}: ${v.broken.reason}\n`)
          if (v.unrecordedReleases.length) io.stdout.write(`released cables with no release entry in the log: ${v.unrecordedReleases.join(', ')}\n`)
          if (!v.broken && !v.unrecordedReleases.length) io.stdout.write('the audit log is intact\n')
        }
        if (v.broken || v.unrecordedReleases.length) setExit(1)
        return
      }
      if (opts.outcome) oneOf('--outcome', opts.outcome, AUDIT_OUTCOMES)
      const since = opts.since === undefined ? undefined : Date.parse(opts.since)
      if (since !== undefined && Number.isNaN(since)) throw new CliError(`--since must be an ISO date/time, got "${opts.since}"`)
      const entries = await withService(io, opts, (ctx, user) =>
        queryAudit(ctx, user, {
          actor: opts.user,
          action: opts.alerts ? ALERT_ACTION : opts.action,
          outcome: opts.outcome,
          cableId: opts.cable?.toUpperCase(),
          since,
          limit: opts.limit === undefined ? undefined : positiveInt('--limit', opts.limit),
        }),
      )
      if (opts.json) return writeJson(io, entries)
      for (const e of entries) {
        const what = [e.cableId, e.draftId === null ? null : `draft ${e.draftId}`, e.post].filter(Boolean).join(' ')
        io.stdout.write(`${isoTime(e.at)}\t${e.actor}\t${e.action}\t${e.outcome}\t${what}\t${e.detail}\n`)
      }
    })
}
