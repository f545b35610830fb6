import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { synthCables } from '../../src/archive/synth/synth-cable.js'
import { cableText } from '../../src/archive/synth/write-synth.js'
import { main } from '../../src/cli/main.js'
import { memoryIo } from '../memory-io.js'

// Ordinary events are not internal errors: no stack trace, no exit 70.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin/cable.js')
const dir = mkdtempSync(join(tmpdir(), 'cablegram-robust-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function run(args: string[]) {
  const io = memoryIo({ cwd: dir })
  const code = await main(args, io)
  return { code, out: io.out(), err: io.err() }
}

function noCrash(r: { code: number; err: string }): void {
  expect(r.code).not.toBe(70)
  expect(r.err).not.toMatch(/internal error|\n\s+at |Error:/)
}

const cables = [...synthCables(30, 11)]

beforeAll(async () => {
  mkdirSync(join(dir, 'in'))
  for (const c of cables) writeFileSync(join(dir, 'in', `${c.id}.txt`), cableText(c))
  expect((await run(['import', 'in', '--db', 'a.db'])).code).toBe(0)
})

describe('database files that are not archives', () => {
  it.each([
    ['an empty (0-byte) file', 'empty.db', () => writeFileSync(join(dir, 'empty.db'), ''), /empty \(0 bytes\)/],
    ['a text file', 'notes.db', () => writeFileSync(join(dir, 'notes.db'), 'meeting notes, not a database\n'.repeat(200)), /not a database file/],
    ['a directory', 'folder.db', () => mkdirSync(join(dir, 'folder.db')), /a directory/],
    ['a missing file', 'missing.db', () => {}, /no archive at/],
    ['another program\'s SQLite file', 'other.db', () => execFileSync(process.execPath, ['-e', `const D=require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});const d=new D(${JSON.stringify(join(dir, 'other.db'))});d.exec('create table t(x)');d.close()`]), /not a Cablegram archive/],
  ])('should refuse %s with its path, exit 2, and leave it as it was', async (_, name, make, reason) => {
    make()
    const path = join(dir, name)
    const before = existsSync(path) && statSync(path).isFile() ? statSync(path).size : -1
    for (const cmd of [['search', 'nuclear'], ['stats'], ['show', '09STATE1'], ['refs', '09STATE1']]) {
      const r = await run([...cmd, '--db', name])
      noCrash(r)
      expect(r.code, cmd.join(' ')).toBe(2)
      expect(r.err).toContain(path)
      expect(r.err).toMatch(reason)
    }
    // refused, not initialised
    expect(existsSync(path) && statSync(path).isFile() ? statSync(path).size : -1).toBe(before)
    if (name === 'empty.db') {
      const inbox = await run(['inbox', '--db', name, '--as', 'nobody'])
      noCrash(inbox)
      expect(inbox.code).toBe(2)
      expect(inbox.err).toMatch(/empty \(0 bytes\)/)
      expect(statSync(path).size).toBe(0)
    }
  })

  it('should name a damaged archive file instead of crashing', async () => {
    copyFileSync(join(dir, 'a.db'), join(dir, 'damaged.db'))
    const size = statSync(join(dir, 'damaged.db')).size
    const fd = openSync(join(dir, 'damaged.db'), 'r+')
    // garbage over every page after the first: the schema is still readable, the tables are not
    for (let at = 4096; at < size; at += 512) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, at)
    closeSync(fd)
    for (const cmd of [['search', 'nuclear'], ['stats'], ['search', '*', '--facets', '--format', 'json']]) {
      const r = await run([...cmd, '--db', 'damaged.db'])
      noCrash(r)
      expect(r.code).toBe(2)
      expect(r.err).toContain(join(dir, 'damaged.db'))
      expect(r.err).toMatch(/damaged|not a database/)
    }
  })
})

describe('read commands open the database read-only', () => {
  it('should hand the archive back as one file in rollback mode, and read it without writing', async () => {
    // after the import closed, no -wal or -shm file is left and the header says rollback journal
    expect(readdirSync(dir).filter((f) => f.startsWith('a.db'))).toEqual(['a.db'])
    const mtime = statSync(join(dir, 'a.db')).mtimeMs
    expect((await run(['search', 'nuclear', '--db', 'a.db'])).code).toBeLessThan(2)
    expect((await run(['stats', '--db', 'a.db'])).code).toBe(0)
    expect(statSync(join(dir, 'a.db')).mtimeMs).toBe(mtime)
    expect(readdirSync(dir).filter((f) => f.startsWith('a.db'))).toEqual(['a.db'])
  })

  it('should search an archive on read-only media', async () => {
    const media = join(dir, 'media')
    const mount = join(dir, 'mnt')
    mkdirSync(media)
    mkdirSync(mount)
    copyFileSync(join(dir, 'a.db'), join(media, 'a.db'))
    // a read-only bind mount needs root; elsewhere file permissions stand in for the media
    const mounted = spawnSync('sh', ['-c', `mount --bind -o ro '${media}' '${mount}' && mount -o remount,bind,ro '${mount}'`]).status === 0
    try {
      const where = mounted ? mount : media
      if (!mounted) {
        if (process.getuid?.() === 0) {
          console.warn('read-only media test: cannot mount read-only here (no CAP_SYS_ADMIN); checked with chmod, which root ignores')
        }
        spawnSync('chmod', ['a-w', join(media, 'a.db'), media])
      }
      const r = spawnSync(process.execPath, [BIN, 'search', 'nuclear', '--db', join(where, 'a.db'), '--format', 'json'], { encoding: 'utf8' })
      expect(r.stderr).toBe('')
      expect(r.status).toBeLessThan(2)
      expect(JSON.parse(r.stdout).total).toBeGreaterThanOrEqual(0)
      const s = spawnSync(process.execPath, [BIN, 'stats', '--db', join(where, 'a.db'), '--format', 'json'], { encoding: 'utf8' })
      expect(s.status).toBe(0)
      expect(JSON.parse(s.stdout).cables).toBe(30)
    } finally {
      if (mounted) spawnSync('umount', [mount])
      spawnSync('chmod', ['-R', 'u+w', media])
    }
  })
})

describe('a closed output pipe', () => {
  beforeAll(async () => {
    // output well beyond a pipe's 64 KB buffer, so the reader is gone while the command still writes
    expect((await run(['synth', '--count', '800', '--seed', '3', '--format', 'csv', '--out', 'many.csv'])).code).toBe(0)
    expect((await run(['import', 'many.csv', '--db', 'many.db'])).code).toBe(0)
  })

  it.each([
    ['jsonl', ['search', '*', '--format', 'jsonl']],
    ['csv', ['search', 'minister', '--format', 'csv']],
    ['table', ['search', '*', '--limit', '800', '--facets']],
  ])('should end a %s search quietly when the reader stops early', (_, args) => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node '${BIN}' ${args.map((a) => `'${a}'`).join(' ')} --db '${join(dir, 'many.db')}' | head -c 100 >/dev/null`], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})

describe('symbolic links in an import tree', () => {
  it('should report loops, never hang, and import every file once', async () => {
    const tree = join(dir, 'tree')
    mkdirSync(join(tree, 'sub', 'deeper'), { recursive: true })
    writeFileSync(join(tree, 'one.txt'), cableText(cables[0]))
    writeFileSync(join(tree, 'sub', 'two.txt'), cableText(cables[1]))
    writeFileSync(join(tree, 'sub', 'deeper', 'three.txt'), cableText(cables[2]))
    symlinkSync('.', join(tree, 'here')) // a link to its own directory
    symlinkSync('..', join(tree, 'sub', 'up')) // a link to the parent
    symlinkSync('../..', join(tree, 'sub', 'deeper', 'top')) // to the grandparent
    symlinkSync('self', join(tree, 'self')) // a link to itself (ELOOP)
    symlinkSync('b-link', join(tree, 'a-link')) // two links to each other
    symlinkSync('a-link', join(tree, 'b-link'))
    symlinkSync(join(tree, 'one.txt'), join(tree, 'sub', 'again.txt')) // a second path to a file
    const r = await run(['import', 'tree', '--db', 'tree.db', '--format', 'json'])
    noCrash(r)
    expect(r.code).toBe(1)
    const report = JSON.parse(r.out)
    expect(report.files).toBe(3)
    expect(report.cables).toBe(3)
    expect(report.inserted).toBe(3)
    const problems = report.problems as { locator: string; reason: string }[]
    const loops = problems.filter((p) => /symbolic link loop/.test(p.reason)).map((p) => p.locator.slice(tree.length + 1)).sort()
    expect(loops).toEqual(['a-link', 'b-link', 'here', 'self', 'sub/deeper/top', 'sub/up'])
    const stats = await run(['stats', '--db', 'tree.db', '--format', 'json'])
    expect(JSON.parse(stats.out)).toMatchObject({ cables: 3, sources: 3 })
  })
})
