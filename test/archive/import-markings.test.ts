import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importArchive } from '../../src/archive/import/import-archive.js'
import type { Io } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'
import { parseCable } from '../../src/format/parse.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-markings-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A synthetic telegram (invented names and numbers). */
function telegram(serial: string, classLine: string, subject: string, blocks: string[]): string {
  return [
    'R 011200Z JAN 26',
    'FM AMEMBASSY ZANZIBAR',
    'TO SECSTATE WASHDC 0001',
    '',
    `${classLine} ZANZIBAR ${serial}`,
    '',
    'E.O. 13526: DECL: 01/01/2036',
    'TAGS: PREL, XX',
    `SUBJECT: ${subject}`,
    '',
    ...blocks.flatMap((b) => [b, '']),
    'DOE',
    '',
  ].join('\n')
}

describe('an archived REL TO with NOFORN is stored, under NOFORN', () => {
  it('should import the cables and file them under the stricter reading', async () => {
    const dir = join(root, 'relnf')
    mkdirSync(dir)
    writeFileSync(join(dir, 'a.txt'), telegram('000021', 'S E C R E T', '(S) ONE', ['1. (S) One.', '2. (S//NF/REL TO GBR) Two.']))
    writeFileSync(join(dir, 'b.txt'), telegram('000022', 'C O N F I D E N T I A L', '(C//REL TO USA, GBR//NF) TWO', ['1. (C) One.']))
    const store = openSqliteStore(join(root, 'relnf.db'))
    try {
      const report = await importArchive(store, [dir], { now: () => new Date('2026-02-01T00:00:00Z') })
      expect(report.problems).toEqual([])
      for (const [id, level] of [['26ZANZIBAR21', 3], ['26ZANZIBAR22', 2]] as const) {
        const c = await store.getCable(id)
        expect(c && { level: c.level, caveats: c.caveats }).toEqual({ level, caveats: ['NOFORN'] })
      }
    } finally {
      store.close()
    }
  })
})

describe('JSON Lines import reads markings from the text it stores', () => {
  it('should file each cable by its text, whatever the model line claims', async () => {
    const dir = join(root, 'jsonl')
    mkdirSync(dir)
    const lines = [
      // the model says UNCLASSIFIED, its text is SECRET//NOFORN
      { text: telegram('000011', 'S E C R E T', '(S//NF) ONE', ['1. (S//NF) One.', '2. (S) Two.']), forged: { classification: 'UNCLASSIFIED', subjectMarking: null, paragraphs: [], captions: [] } },
      // a forged paragraph list drops the (TS) paragraph of an UNCLAS-bannered text
      { text: telegram('000012', 'UNCLAS', '(U) TWO', ['1. (U) One.', '2. (TS//NODIS) Two.']), forged: { paragraphs: [{ number: 1, marking: 'U', text: 'One.' }] } },
      // an unnumbered lone portion, model classification lowered
      { text: telegram('000013', 'C O N F I D E N T I A L', 'THREE', ['(C//EXDIS) A lone portion.']), forged: { classification: 'UNCLASSIFIED' } },
    ]
    writeFileSync(join(dir, 'forged.jsonl'), lines.map((l) => JSON.stringify({ ...parseCable(l.text), ...l.forged })).join('\n') + '\n')
    const store = openSqliteStore(join(root, 'jsonl.db'))
    try {
      const report = await importArchive(store, [dir], { now: () => new Date('2026-02-01T00:00:00Z') })
      expect(report.problems).toEqual([])
      const stored = async (id: string) => {
        const c = await store.getCable(id)
        return c && { level: c.level, caveats: c.caveats }
      }
      expect(await stored('26ZANZIBAR11')).toEqual({ level: 3, caveats: ['NOFORN'] })
      expect(await stored('26ZANZIBAR12')).toEqual({ level: 4, caveats: ['NODIS'] })
      expect(await stored('26ZANZIBAR13')).toEqual({ level: 2, caveats: ['EXDIS'] })
    } finally {
      store.close()
    }
  })
})

function fakeIo(tty: boolean): Io & { out: () => string } {
  let out = ''
  return {
    stdout: { write: (s: string) => (out += s), isTTY: tty },
    stderr: { write: () => true },
    readStdin: async () => '',
    readFile: (path: string) => readFileSync(path, 'utf8'),
    cwd: root,
    env: {},
    out: () => out,
  }
}

describe('escape sequences in cables never reach a terminal', () => {
  const dir = join(root, 'esc')
  mkdirSync(dir)
  const hostile = telegram('000021', 'UNCLAS', '(U) TITLE \u001b]0;owned\u0007 SWAP', ['1. (U) Clear \u001b[2J\u001b[H the screen \u009b31m now.', '2. (U) Two.'])
  const file = join(dir, 'hostile.txt')
  writeFileSync(file, hostile)
  const db = join(root, 'esc.db')

  it('should import the text byte for byte and flag it', async () => {
    const store = openSqliteStore(db)
    try {
      await importArchive(store, [dir], { now: () => new Date('2026-02-01T00:00:00Z') })
      const c = await store.getCable('26ZANZIBAR21', { level: 4, caveats: [] })
      expect(c?.text).toBe(hostile)
    } finally {
      store.close()
    }
    // C0 escapes make the text look binary (an error); C1 and form feeds alone are flagged where they are
    expect(parseCable(hostile).diagnostics.map((d) => d.code)).toContain('BINARY_INPUT')
    const c1 = telegram('000022', 'UNCLAS', '(U) T', ['1. (U) A \u009b2J b.', '2. (U) Form\ffeed.'])
    expect(parseCable(c1).diagnostics.find((d) => d.code === 'CONTROL_CHARACTER')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/^2 control characters in the text \(first U\+009B\)/),
      span: { start: { line: 11, column: 10 } },
    })
  })

  it.each([
    ['show', ['show', '26ZANZIBAR21', '--db', db]],
    ['search', ['search', 'screen', '--db', db]],
    ['parse', ['parse', file]],
  ])('should neutralise control characters in %s output', async (_name, args) => {
    for (const tty of [true, false]) {
      const io = fakeIo(tty)
      expect(await main(args, io)).toBe(0)
      // on a terminal only our own emphasis may remain (bold yellow and their resets); nothing from the cable
      const out = tty ? io.out().replace(/\u001b\[(?:1|22|33|39)m/g, '') : io.out()
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
      if (!tty) expect(io.out()).not.toContain('\u001b')
      expect(io.out().length).toBeGreaterThan(0)
    }
  })

  it('should keep a lossless rendering byte-exact when written to a file or pipe, and neutralise it on a terminal', async () => {
    const json = join(dir, 'hostile.json')
    writeFileSync(json, JSON.stringify(parseCable(hostile)))
    const pipe = fakeIo(false)
    await main(['render', json], pipe)
    expect(pipe.out()).toBe(hostile)
    const terminal = fakeIo(true)
    await main(['render', json], terminal)
    expect(terminal.out()).toContain('Clear ␛[2J␛[H the screen')
    expect(terminal.out()).not.toContain('\u001b')
  })
})
