import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSnapshot, parseSnapshot, saveSnapshot, SnapshotError, takeSnapshot, verifySnapshot, type Snapshot } from '../../src/archive/snapshots.js'
import { QUERY_LIMITS } from '../../src/archive/query/parse-query.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { CableRecord } from '../../src/store/store.js'
import { makeRecord } from '../store/make-record.js'
import { REPO, requireBuild } from '../support/built.js'

/**
 * A snapshot file is checked field by field (docs/research.md): every field, not only those the id and result
 * hash cover, and a path that is no regular file is refused at once.
 */

const root = mkdtempSync(join(tmpdir(), 'cablegram-snapfile-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const records: CableRecord[] = [
  makeRecord({ key: '08QUORIN10', date: '2008-01-15', tags: ['PREL'], text: 'first cable about the harbour' }),
  makeRecord({ key: '08QUORIN20', date: '2008-03-15', tags: ['ECON'], text: 'second cable about the harbour' }),
  makeRecord({ key: '08QUORIN40', date: '2008-05-15', tags: ['ECON'], text: 'third cable' }),
]

let genuine: Snapshot
let everything: Snapshot
beforeAll(async () => {
  const store = openSqliteStore(join(root, 'a.db'))
  await store.upsertCables(records)
  genuine = await takeSnapshot(store, 'harbour', undefined, new Date('2026-01-01T00:00:00Z'))
  everything = await takeSnapshot(store, '*', undefined, new Date('2026-01-01T00:00:00Z'))
  await store.close()
})

/** Fields the id and the result hash do not cover, changed by hand: each is named by its path. */
function tampered(): [string, object, RegExp][] {
  return [
    ['savedAt words', { ...genuine, savedAt: 'yesterday' }, /savedAt: "yesterday" is no ISO 8601 UTC time/],
    ['savedAt date only', { ...genuine, savedAt: '2026-01-01' }, /savedAt: "2026-01-01" is no ISO 8601/],
    ['savedAt no such day', { ...genuine, savedAt: '2026-02-30T00:00:00.000Z' }, /savedAt: "2026-02-30T00:00:00.000Z" is no ISO 8601/],
    ['savedAt a number', { ...genuine, savedAt: 1767225600000 }, /savedAt: expected an ISO 8601 time/],
    ['savedAt future', { ...genuine, savedAt: '9998-01-01T00:00:00.000Z' }, /savedAt: 9998-01-01T00:00:00.000Z is in the future/],
    ['archiveCables negative', { ...genuine, archiveCables: -3 }, /archiveCables: expected a whole number \(the cables of the archive\), not negative/],
    ['archiveCables fraction', { ...genuine, archiveCables: 3.5 }, /archiveCables: expected a whole number/],
    ['archiveCables string', { ...genuine, archiveCables: '3' }, /archiveCables: expected a whole number/],
    ['archiveCables fewer than the result', { ...genuine, archiveCables: 1 }, /archiveCables: 1 is fewer than the 2 cables of the result/],
    ['archiveCables as many as the result', { ...genuine, archiveCables: 2 }, /archiveCables: 2, as many as the result, but the archive hash differs/],
    ['archiveCables more than the whole result', { ...everything, archiveCables: 7 }, /archiveCables: 7 but the archive hash is the result hash/],
    ['count', { ...genuine, count: 5 }, /count: 5 but cables lists 2/],
    ['an unknown field', { ...genuine, note: 'x' }, /note: not a field of a snapshot/],
    ['an unknown cable field', { ...genuine, cables: genuine.cables.map((c) => ({ ...c, extra: 1 })) }, /cables\[0\]\.extra, cables\[1\]\.extra|cables\[0\]\.extra: not a field/],
    ['a key with a tab', { ...genuine, cables: [{ ...genuine.cables[0], key: '08QUORIN10\tX' }, genuine.cables[1]] }, /cables\[0\]\.key: expected a cable key/],
    ['a cable without texts', { ...genuine, cables: [{ ...genuine.cables[0], texts: [] }, genuine.cables[1]] }, /cables\[0\]\.texts: expected at least one text hash/],
    ['a text hash', { ...genuine, cables: [genuine.cables[0], { ...genuine.cables[1], texts: ['xyz'] }] }, /cables\[1\]\.texts\[0\]: expected a SHA-256/],
    ['an id of another form', { ...genuine, id: 'snapshot-1' }, /id: expected cg- and 10 base-32 characters/],
    ['a query with blanks', { ...genuine, query: ' harbour ' }, /query: expected the query as saved/],
    ['access caveats unsorted', { ...genuine, access: { level: 2, caveats: ['NOFORN', 'EXDIS'] } }, /access\.caveats: expected distinct caveats in sorted order/],
    ['access extra field', { ...genuine, access: { level: 2, caveats: [], admin: true } }, /access\.admin: not a field of a snapshot/],
    ['format', { ...genuine, format: 2 }, /format: expected 1, got 2/],
    ['a list', [genuine], /\(top level\): expected an object/],
  ]
}

describe('snapshot file: every field checked (service)', () => {
  it('should accept the genuine files', () => {
    expect(parseSnapshot(JSON.stringify(genuine), 'ok.json')).toEqual(genuine)
    expect(parseSnapshot(JSON.stringify(everything), 'all.json')).toEqual(everything)
  })

  it('should refuse a field changed by hand, naming the file and the field path', () => {
    for (const [what, body, message] of tampered()) {
      let error: unknown = null
      try {
        parseSnapshot(JSON.stringify(body), 'snap.json')
      } catch (e) {
        error = e
      }
      expect([what, error instanceof SnapshotError]).toEqual([what, true])
      expect([what, (error as Error).message]).toEqual([what, expect.stringMatching(/^snap\.json: not a snapshot of format 1: /)])
      expect([what, (error as Error).message]).toEqual([what, expect.stringMatching(message)])
    }
  })

  it('should name every problem of a file, not only the first', () => {
    expect(() => parseSnapshot(JSON.stringify({ ...genuine, savedAt: 'soon', archiveCables: -1, count: 'two' }), 'f.json')).toThrow(
      /savedAt: "soon" is no ISO 8601[^;]*; archiveCables: expected a whole number[^;]*; count: expected a whole number/,
    )
  })

  it('should refuse a snapshot stored in the archive that was changed there', async () => {
    const file = join(root, 'stored.db')
    const store = openSqliteStore(file)
    await store.upsertCables(records)
    await store.saveSnapshot({ id: genuine.id, savedAt: genuine.savedAt, body: JSON.stringify({ ...genuine, archiveCables: -1 }) })
    await store.saveSnapshot({ id: 'cg-aaaaaaaaaa', savedAt: genuine.savedAt, body: JSON.stringify(genuine) })
    await expect(loadSnapshot(store, genuine.id, undefined)).rejects.toThrow(new RegExp(`snapshot ${genuine.id} as stored in this archive: not a snapshot of format 1: archiveCables`))
    // a body under another id than its own would be cited as the id asked for
    await expect(loadSnapshot(store, 'cg-aaaaaaaaaa', undefined)).rejects.toThrow(/snapshot cg-aaaaaaaaaa as stored in this archive: id: holds snapshot cg-/)
    await store.close()
  })
})

/** Runs the built `cable` binary, as a user's shell would; a run that takes longer than `ms` is killed. */
function cable(args: string[], ms = 20_000): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'cable.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let killed = false
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, ms)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, killed })
    })
  })
}

describe('snapshot of a long query (QA 14 round 8, F7)', () => {
  it('should save, show and verify any query search answers, up to the query language\'s limit', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables(records)
    // 21,000 characters: search answers it, so a snapshot of it is citable
    const query = `cable${' OR zzq'.repeat(3500)}`
    expect(query.length).toBeGreaterThan(20_000)
    const saved = await saveSnapshot(store, query)
    const shown = await loadSnapshot(store, saved.id, undefined)
    expect(shown?.query).toBe(query)
    expect((await verifySnapshot(store, shown!)).identical).toBe(true)
    await store.close()
  })

  it('should refuse a query over the limit as search does', async () => {
    const store = openSqliteStore(':memory:')
    await store.upsertCables(records)
    const query = `cable ${'x'.repeat(QUERY_LIMITS.length)}`
    await expect(saveSnapshot(store, query)).rejects.toThrow()
    await store.close()
  })
})

describe('snapshot file: cable snapshot verify (built CLI)', () => {
  beforeAll(() => requireBuild())

  it('should refuse every hand-edited field with exit 2, the file and the field, and no stack trace', async () => {
    expect((await cable(['snapshot', 'verify', writeJson('ok.json', genuine), '--db', 'a.db'])).code).toBe(0)
    for (const [what, body, message] of tampered().filter(([w]) => ['savedAt words', 'archiveCables negative', 'archiveCables fraction', 'archiveCables as many as the result', 'an unknown field'].includes(w))) {
      const file = writeJson(`${what.replace(/\W+/g, '-')}.json`, body)
      const r = await cable(['snapshot', 'verify', file, '--db', 'a.db'])
      expect([what, r.code, r.stdout]).toEqual([what, 2, ''])
      expect([what, r.stderr]).toEqual([what, expect.stringMatching(new RegExp(`^cable: ${file}: not a snapshot of format 1: .*${message.source}`))])
      expect([what, r.stderr]).not.toEqual([what, expect.stringMatching(/internal error|\n\s+at /)])
    }
  }, 120_000)

  it('should refuse a named pipe at once instead of waiting for a writer', async () => {
    const fifo = join(root, 'pipe.json')
    execFileSync('mkfifo', [fifo])
    const r = await cable(['snapshot', 'verify', 'pipe.json', '--db', 'a.db'])
    expect(r.killed).toBe(false)
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'cable: pipe.json: cannot read the snapshot file (a named pipe): only a regular file is read; a snapshot file is written by cable snapshot show ID --format json > ID.json\n'])
    // a device that never ends (a link to /dev/zero) is no file either
    symlinkSync('/dev/zero', join(root, 'zero.json'))
    const device = await cable(['snapshot', 'verify', 'zero.json', '--db', 'a.db'])
    expect([device.killed, device.code, device.stderr]).toEqual([false, 2, expect.stringContaining('zero.json: cannot read the snapshot file (a device): only a regular file is read')])
  }, 60_000)
})

function writeJson(name: string, body: unknown): string {
  writeFileSync(join(root, name), JSON.stringify(body))
  return name
}
