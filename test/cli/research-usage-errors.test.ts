/**
 * Usage errors of the research commands (QA 14 finding 11): every message names the command and what is wrong,
 * exit 2, never a stack trace or exit 70 — commander's own errors (a missing argument or option, an unknown
 * option or subcommand, a group command without its subcommand) included; an empty `people --name` is refused as
 * `gaps --origin ''` is; a snapshot path that is a directory is named as one, not taken for an unknown id.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCable } from '../memory-io.js'

const dir = mkdtempSync(join(tmpdir(), 'cablegram-usage-'))
const db = join(dir, 'plain.db')
const samples = join(import.meta.dirname, '../../samples')

describe('usage errors of the research commands', () => {
  beforeAll(async () => {
    expect((await runCable(['import', samples, '--db', db])).code).toBe(0)
    mkdirSync(join(dir, 'snapdir'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    [['route', '--db', db], "cable route: missing required argument 'id' (see cable route --help)"],
    [['diff', '--db', db], "cable diff: missing required argument 'id' (see cable diff --help)"],
    [['redact', '09PARIS77', '--db', db], "cable redact: required option '--for <clearance>' not specified (see cable redact --help)"],
    [['route', '09PARIS77', '--bogus', '--db', db], "cable route: unknown option '--bogus' (see cable route --help)"],
    [['people', '--limit', '--db', db], 'cable people:'],
    [['snapshot', '--db', db], 'cable snapshot: name a subcommand: save, show, verify (see cable snapshot --help)'],
    [['snapshot', 'frob', 'x', '--db', db], "cable snapshot: unknown command 'frob' (see cable snapshot --help)"],
    [['network', '--format', 'xml', '--db', db], 'cable: --format must be one of json, dot, csv, got "xml"'],
    [['gaps', '--year', 'abc', '--db', db], 'cable: --year must be a whole number from 1900 to 2099, got "abc"'],
    [['redact', '09PARIS77', '--for', 'SEKRET', '--db', db], 'cable: --for: unknown clearance "SEKRET"'],
    [['people', '--name', '', '--db', db], "cable: --name: empty; name a person (QUINT, 'Peter Quint') or leave the filter out for everyone"],
    [['snapshot', 'verify', join(dir, 'snapdir'), '--db', db], `cable: ${join(dir, 'snapdir')}: cannot read the snapshot file (a directory)`],
    [['gaps', '--db', join(dir, 'none.db')], `cable: no archive at ${join(dir, 'none.db')}`],
  ])('should answer %j with a message naming what is wrong, exit 2', async (argv, message) => {
    const r = await runCable(argv)
    expect([r.code, r.stderr.split('\n')[0].startsWith(message)], r.stderr).toEqual([2, true])
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /)
  })
})
