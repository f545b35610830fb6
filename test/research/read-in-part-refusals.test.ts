/**
 * QA 10 F2: a reader who may read a cable only in part (portion-level access) and asks for what rests on the whole of
 * it (`diff`, `show --versions`, `redact`) is told so, with a command that works for him (`cable show ID`, the CLI
 * only), and never that the cable "is not in the archive": search and `show` give it him. The rule is the service's
 * (`ReadInPartError`, asked `redact` too: src/archive/releasable.ts); its words name no command (the web app and HTTP
 * show them as they are) and depend on nothing withheld. Both engines for the service, the CLI on SQLite; synthetic
 * cables of the invented post QUORIN.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { cableVersions, diffVersions, ReadInPartError } from '../../src/archive/cable-versions.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactStoredCable } from '../../src/archive/releasable.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { runCable } from '../memory-io.js'
import { storeEngines } from '../support/store-engines.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-read-in-part-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** SECRET//NOFORN, a (C) paragraph and an (S//NF) one holding `hidden`. */
const text = (serial: number, hidden: string) => `VZCZCXRO1111
PP RUEHWEB
DE RUEHQQ #0${serial}/01 0451200
ZNY SSSSS ZZH
P 141200Z FEB 08
FM AMEMBASSY QUORIN
TO RUEHC/SECSTATE WASHDC PRIORITY 0001

S E C R E T QUORIN 000${serial}

NOFORN

E.O. 12958: DECL: 02/14/2018
TAGS: PREL QR
SUBJECT: (C) QUORIN HARBOR TALKS

1. (C) The harbor talks resumed on Tuesday.

2. (S//NF) ${hidden}

NOBODY
`
const record = (t: string, n: number) =>
  toCableRecord(parseCable(t, { plain: true }), t, { locator: `r/${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })

const CNF: Access = { level: 2, caveats: ['NOFORN'] }
const U: Access = { level: 0, caveats: [] }

describe.each(await storeEngines('read-in-part-refusals'))('what rests on the whole cable, for a reader in part, on $name', (engine) => {
  it.skipIf(engine.skip)('should refuse a releasable rendering as read in part, never as absent, in words that name no command and tell nothing withheld', async () => {
    const store = await engine.open()
    await store.upsertCables([record(text(720, 'Hidden paragraph one.'), 1), record(text(721, 'Another much longer hidden paragraph with more words.'), 2)])
    await configurePortionAccess(store, true)
    const refusal = (p: Promise<unknown>) => p.then((v) => ({ value: v }), (e: unknown) => e)
    for (const id of ['08QUORIN720', '08QUORIN721']) {
      for (const target of [CNF, U]) {
        const e = await refusal(redactStoredCable(store, id, target, CNF))
        expect(e, id).toBeInstanceOf(ReadInPartError)
        expect((e as ReadInPartError).asked).toBe('redact')
      }
    }
    const messages = await Promise.all(['08QUORIN720', '08QUORIN721'].map(async (id) => ((await refusal(redactStoredCable(store, id, U, CNF))) as Error).message.replace(id, 'ID')))
    expect(messages[0]).toBe(messages[1])
    expect(messages[0]).toMatch(/only in part/)
    // the service's words name no command: each adapter says where he reads what he may
    for (const e of [await refusal(redactStoredCable(store, '08QUORIN720', U, CNF)), await refusal(diffVersions(store, '08QUORIN720', undefined, undefined, CNF)), await refusal(cableVersions(store, '08QUORIN720', CNF))]) {
      expect(e).toBeInstanceOf(ReadInPartError)
      expect((e as Error).message).not.toMatch(/`|cable (redact|show)|not in the archive|Hidden/)
    }
    // one who may read none of it, and an id the archive lacks: absent alike (null)
    expect(await redactStoredCable(store, '08QUORIN720', U, { level: 0, caveats: ['NOFORN'] })).toBeNull()
    expect(await redactStoredCable(store, '08QUORIN799', U, CNF)).toBeNull()
  })
})

describe('cable diff, show --versions and redact for a reader in part (CLI)', () => {
  it('should point him at a command that works for him, and never call the cable absent', async () => {
    const dir = join(root, 'in')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, '08QUORIN720.txt'), text(720, 'Hidden paragraph.'))
    const db = join(root, 'f2.db')
    expect((await runCable(['import', dir, '--db', db])).code).toBe(0)
    expect((await runCable(['archive-config', 'portion-access', 'on', '--db', db])).code).toBe(0)
    const R = ['--clearance', 'CONFIDENTIAL', '--caveats', 'NOFORN', '--db', db]
    const hint = '(`cable show 08QUORIN720` shows what you may read)'
    for (const argv of [['diff', '08QUORIN720'], ['show', '08QUORIN720', '--versions'], ['redact', '08QUORIN720', '--for', 'CONFIDENTIAL,NOFORN'], ['redact', '08QUORIN720', '--for', 'UNCLASSIFIED']]) {
      const r = await runCable([...argv, ...R])
      expect(r.code, argv.join(' ')).toBe(1)
      expect(r.stderr, argv.join(' ')).toMatch(/only in part/)
      expect(r.stderr, argv.join(' ')).toContain(hint)
      expect(r.stderr, argv.join(' ')).not.toMatch(/not in the archive|cable redact|Hidden/)
    }
    // the command he is pointed at works for him, with the reader options he gave
    const shown = await runCable(['show', '08QUORIN720', ...R])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain('The harbor talks resumed')
    expect(shown.stdout).not.toContain('Hidden paragraph')
    // a cable he may not read at all is absent, as before
    expect((await runCable(['redact', '08QUORIN720', '--for', 'UNCLASSIFIED', '--clearance', 'UNCLASSIFIED', '--db', db])).stderr).toBe('cable: 08QUORIN720 is not in the archive\n')
  })
})
