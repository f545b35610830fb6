import type { Command } from 'commander'
import { extname } from 'node:path'
import { createDraft, draftFromTelegram, draftFromText, listDrafts, ServiceError, updateDraft, type DraftInput } from '../../messaging/index.js'
import { visibleDraft } from '../../messaging/workflow.js'
import { actor } from '../../messaging/context.js'
import { CliError } from '../errors.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { EXIT_CODES, isoTime, listFlag, withMessagingOptions, withService, writeJson } from './messaging-common.js'
import { positiveInt } from '../option-values.js'

/** Reads a draft file: `.yaml`/`.yml`/`.json` are structured fields, anything else telegram text (`-` = stdin). */
async function readDraft(io: Io, file: string, opts: { telegram?: boolean; fields?: boolean; clearer?: string }): Promise<DraftInput> {
  let text: string
  try {
    text = file === '-' ? await io.readStdin() : io.readFile(file)
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`)
  }
  const structured = opts.fields || (!opts.telegram && ['.yaml', '.yml', '.json'].includes(extname(file).toLowerCase()))
  const clearers = listFlag(opts.clearer)
  try {
    if (!structured) return draftFromTelegram(text, clearers)
    const input = draftFromText(text, file)
    if (clearers.length) input.clearers = clearers
    return input
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error
    const details = error.details.length > 1 ? '\n' + error.details.map((d) => `  - ${d}`).join('\n') : ''
    throw new CliError(`${file}: ${error.message}${details}`, EXIT_CODES[error.code])
  }
}

const addDraftOptions = (cmd: Command) =>
  withMessagingOptions(cmd)
    .option('--clearer <users>', 'named clearers, comma-separated (overrides the file’s clearers)')
    .option('--telegram', 'read the file as telegram text whatever its extension')
    .option('--fields', 'read the file as YAML/JSON fields whatever its extension')
    .option('--json', 'print the draft as JSON')

/** `cable draft …`: create, edit, show and list drafts. */
export function registerDraft(program: Command, io: Io, _setExit: SetExit): void {
  const draft = program.command('draft').description('drafts: create from YAML/JSON fields or telegram text, edit, show, list')

  addDraftOptions(draft.command('new'))
    .description('create a draft at your post (prints its number and any lint errors that would block clearance)')
    .argument('<file>', 'draft fields (.yaml/.yml/.json) or telegram text; - for stdin')
    .option('--corrects <id>', 'this draft corrects a released cable (adds it as a reference)')
    .action(async (file: string, opts) => {
      const input = await readDraft(io, file, opts)
      const { draft: d, preview } = await withService(io, opts, (ctx, user) => createDraft(ctx, user, input, opts.corrects ?? null))
      if (opts.json) return writeJson(io, { draft: d, lintErrors: preview.errors })
      io.stdout.write(`draft ${d.id} created at ${d.originPost}; clearers: ${d.clearers.join(', ') || 'none'}\n`)
      for (const e of preview.errors) io.stdout.write(`  lint ${e.rule}: ${e.message}\n`)
    })

  addDraftOptions(draft.command('edit'))
    .description('replace a draft’s fields (drafter only, before approval; clearances start over)')
    .argument('<id>', 'draft number')
    .argument('<file>', 'draft fields or telegram text; - for stdin')
    .action(async (id: string, file: string, opts) => {
      const input = await readDraft(io, file, opts)
      const { draft: d, preview } = await withService(io, opts, (ctx, user) => updateDraft(ctx, user, positiveInt('draft', id), input))
      if (opts.json) return writeJson(io, { draft: d, lintErrors: preview.errors })
      io.stdout.write(`draft ${d.id} updated; clearances start over\n`)
      for (const e of preview.errors) io.stdout.write(`  lint ${e.rule}: ${e.message}\n`)
    })

  withMessagingOptions(draft.command('show'))
    .description('show a draft: state, clearances and the telegram it would become')
    .argument('<id>', 'draft number')
    .option('--json', 'print JSON')
    .action(async (id: string, opts) => {
      const { draft: d, preview } = await withService(io, opts, async (ctx, user) => visibleDraft(ctx, await actor(ctx, user), positiveInt('draft', id), 'show-draft'))
      if (opts.json) return writeJson(io, { draft: d, lintErrors: preview.errors, preview: preview.text })
      io.stdout.write(`draft ${d.id} (${d.state}) by ${d.drafter} at ${d.originPost}, updated ${isoTime(d.updatedAt)}\n`)
      io.stdout.write(`clearers: ${d.clearers.map((c) => `${c}${d.cleared.includes(c) ? ' (cleared)' : ''}`).join(', ') || 'none'}\n`)
      io.stdout.write(`approved by: ${d.approvedBy ?? '-'}${d.cableId ? `; released as ${d.cableId}` : ''}\n`)
      for (const e of preview.errors) io.stdout.write(`lint ${e.rule}: ${e.message}\n`)
      io.stdout.write(`--- preview (MRN and DTG provisional) ---\n${preview.text}\n`)
    })

  withMessagingOptions(draft.command('list'))
    .description('drafts at your post or naming you as clearer, that you are cleared for')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const list = await withService(io, opts, (ctx, user) => listDrafts(ctx, user))
      if (opts.json) return writeJson(io, list.map((l) => l.draft))
      for (const { draft: d, subject } of list) io.stdout.write(`${d.id}\t${d.state}\t${d.drafter}\t${d.cleared.length}/${d.clearers.length} cleared\t${subject}\n`)
    })
}
