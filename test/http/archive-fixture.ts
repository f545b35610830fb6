import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, type RouteArea } from '../../src/http/app.js'
import { PUBLIC_READS, type ServerDeps } from '../../src/http/server-deps.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { CableRecord } from '../../src/store/store.js'
import { makeRecord } from '../store/make-record.js'

/** Synthetic archive cables of several classifications, citing each other. */
export function archiveRecords(): CableRecord[] {
  return [
    makeRecord({ key: '09STATE1', origin: 'SECSTATE WASHDC', originKey: 'STATE', date: '2009-01-05T10:00Z', tags: ['PREL', 'PGOV'], subject: 'NUCLEAR TALKS', text: 'UNCLAS STATE 000001\n\nSUBJECT: NUCLEAR TALKS\n\n1. The nuclear talks in Geneva went well. Enriched uranium was discussed.\n', precedence: 'IMMEDIATE' }),
    makeRecord({ key: '09HARARE2', date: '2009-10-01T08:00Z', tags: ['PGOV', 'ZI'], subject: 'ELECTIONS', text: 'C O N F I D E N T I A L HARARE 000002\n\nSUBJECT: ELECTIONS\n\nREF: STATE 1\n\n1. (C) ZANU-PF and the MDC discussed elections; no uranium.\n', classification: 'CONFIDENTIAL', level: 2, references: [{ letter: 'A', id: '09STATE1', text: 'STATE 1', kind: 'cable' }, { letter: 'B', id: null, text: 'EMBASSY MEMO OF 9/30', kind: 'memo' }] }),
    makeRecord({ key: '09HARARE3', date: '2009-12-31T23:00Z', tags: ['PREL', 'KNNP'], subject: 'GOLDFINCH SITE', text: 'S E C R E T HARARE 000003\n\nNOFORN\n\nSUBJECT: GOLDFINCH SITE\n\nREF: STATE 1\n\n1. (S//NF) Uranium enrichment at the goldfinch site near Harare.\n', classification: 'SECRET//NOFORN', level: 3, caveats: ['NOFORN'], captions: ['NOFORN'], references: [{ letter: null, id: '09STATE1', text: 'STATE 1', kind: 'cable' }] }),
    makeRecord({ key: '10LONDON4', origin: 'AMEMBASSY LONDON', originKey: 'LONDON', date: '2010-02-02T12:00Z', dateSource: { basis: 'container', precision: 'minute', from: ['html:Created'] }, tags: ['ECON'], subject: 'BANKING, "QUOTED"', text: 'UNCLAS LONDON 000004\n\nSUBJECT: BANKING\n\n1. Banks in London. The talks on nuclear matters were enriching.\n' }),
    makeRecord({ key: '10LONDON5', origin: 'AMEMBASSY LONDON', originKey: 'LONDON', date: '2010-03-09T12:00Z', tags: ['PREL'], subject: 'KESTREL PLAN', text: 'S E C R E T LONDON 000005\n\nSUBJECT: KESTREL PLAN\n\n1. (S) The kestrel plan for uranium.\n', classification: 'SECRET', level: 3 }),
  ]
}

/** A temporary archive file with `archiveRecords()` and the app serving it publicly. */
export async function publicArchive(extra: Partial<ServerDeps> = {}, areas: RouteArea[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-http-'))
  const path = join(dir, 'archive.db')
  const archive = openSqliteStore(path)
  await archive.upsertCables(archiveRecords())
  const logs: string[] = []
  const deps: ServerDeps = {
    archive,
    openReadStore: () => openSqliteStore(path, { readonly: true }),
    reads: PUBLIC_READS,
    auth: null,
    messaging: null,
    public: true,
    staticDir: null,
    bodyLimit: 64 * 1024,
    checkResponses: true,
    log: (l) => logs.push(l),
    ...extra,
  }
  const app = createApp(deps, areas)
  return {
    app,
    deps,
    logs,
    path,
    dir,
    close: async () => {
      await archive.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
