import type { Command } from 'commander'
import type { Io } from '../io.js'
import { registerDirectory } from './directory.js'
import { registerUser } from './user.js'
import { registerDraft } from './draft.js'
import { registerClear } from './clear.js'
import { registerApprove } from './approve.js'
import { registerRelease } from './release.js'
import { registerDeliver } from './deliver.js'
import { registerInbox } from './inbox.js'
import { registerRead } from './read.js'
import { registerAudit } from './audit.js'
import { registerSubscribe } from './subscribe.js'
import { registerImport } from './import.js'
import { registerCopy } from './copy.js'
import { registerRefs } from './refs.js'
import { registerSearch } from './search.js'
import { registerShow } from './show.js'
import { registerDiff } from './diff.js'
import { registerSnapshot } from './snapshot.js'
import { registerGaps } from './gaps.js'
import { registerRoute } from './route.js'
import { registerRedact } from './redact.js'
import { registerArchiveConfig } from './archive-config.js'
import { registerPeople } from './people.js'
import { registerStats } from './stats.js'
import { registerSynth } from './synth.js'
import { registerId } from './id.js'
import { registerParse } from './parse.js'
import { registerRender } from './render.js'
import { registerLint } from './lint.js'
import { registerServe } from './serve.js'
import { registerToken } from './token.js'

/** Sets the process exit code a command wants (commands return normally on success). */
export type SetExit = (code: number) => void

/** Each command file exports one `register…` function; this list is the whole CLI. */
export function registerCommands(program: Command, io: Io, setExit: SetExit): void {
  registerParse(program, io, setExit)
  registerImport(program, io, setExit)
  registerCopy(program, io, setExit)
  registerSearch(program, io, setExit)
  registerShow(program, io, setExit)
  registerDiff(program, io, setExit)
  registerSnapshot(program, io, setExit)
  registerGaps(program, io, setExit)
  registerRoute(program, io, setExit)
  registerRedact(program, io, setExit)
  registerArchiveConfig(program, io, setExit)
  registerPeople(program, io, setExit)
  registerRefs(program, io, setExit)
  registerStats(program, io, setExit)
  registerSynth(program, io, setExit)
  registerRender(program, io, setExit)
  registerId(program, io, setExit)
  registerLint(program, io, setExit)
  registerDirectory(program, io, setExit)
  registerUser(program, io, setExit)
  registerDraft(program, io, setExit)
  registerClear(program, io, setExit)
  registerApprove(program, io, setExit)
  registerRelease(program, io, setExit)
  registerDeliver(program, io, setExit)
  registerInbox(program, io, setExit)
  registerRead(program, io, setExit)
  registerAudit(program, io, setExit)
  registerSubscribe(program, io, setExit)
  registerServe(program, io, setExit)
  registerToken(program, io, setExit)
}
