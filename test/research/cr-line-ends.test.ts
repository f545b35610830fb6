/**
 * A cable whose lines end with a lone CR (old Mac files, some archive exports) is filed, read portion by portion and
 * rendered releasable exactly as the same cable with LF line ends: same fields, same access filing, the same
 * portions withheld (the rendering may differ in line ends only). Synthetic cables only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cableAccess } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { redactText, storedPortions } from '../../src/archive/redact.js'
import { parseCable } from '../../src/format/parse.js'
import { runCable } from '../memory-io.js'
import { SECRET_CABLE_HEAD } from './secret-cable.js'

const root = mkdtempSync(join(tmpdir(), 'cablegram-cr-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** SECRET, NOFORN caption, (C) subject; (C), (S//NF), (U) paragraphs and a (C) sub-item; words unique per portion. */
const LF = `${SECRET_CABLE_HEAD}1. (C) Summary. The juniper talks resumed under the
chairmanship of minister Oberon Vale. End summary.

2. (S//NF) Vale privately told the Ambassador that the marigold
talks would collapse by June.

3. (U) The treaty was signed in 1961.
A. (C) The quince annex stays sealed.

QUILL
`
const CR = LF.replace(/\n/g, '\r')
const lineEndsAsLf = (s: string) => s.replace(/\r\n?/g, '\n')
const SOURCE = { locator: 'a.txt', rendering: 'text' as const, sha256: '1'.repeat(64), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} }

const READERS = [
  { level: -1, caveats: [] },
  { level: 0, caveats: [] },
  { level: 2, caveats: [] },
  { level: 2, caveats: ['NOFORN'] },
  { level: 3, caveats: [] },
  { level: 3, caveats: ['NOFORN'] },
]

describe('a CR-only cable in the archive', () => {
  it('should be filed as its LF form: same fields, same level and caveats, same label', () => {
    const lf = toCableRecord(parseCable(LF), LF, SOURCE)
    const cr = toCableRecord(parseCable(CR), CR, SOURCE)
    expect(cr.text).toBe(CR)
    expect([cr.key, cr.level, cr.caveats, cr.classification]).toEqual(['09DUSHANBE123', 3, ['NOFORN'], 'SECRET//NOFORN'])
    expect(cr.subject).toBe('INVENTED TALKS ON THE RIVER TREATY')
    expect(cr.tags).toEqual(['PREL', 'PGOV', 'TI'])
    const { text: _lt, portions: lp, ...lfFields } = lf
    const { text: _ct, portions: cp, ...crFields } = cr
    expect(crFields).toEqual(lfFields)
    expect((cp ?? []).map((p) => ({ ...p, text: lineEndsAsLf(p.text) }))).toEqual(lp)
    expect(cableAccess(parseCable(CR))).toEqual(cableAccess(parseCable(LF)))
  })

  it('should withhold exactly the portions of its LF form from every reader', () => {
    for (const reader of READERS) {
      const lf = redactText(LF, reader)
      const cr = redactText(CR, reader)
      expect(cr.withheld).toEqual(lf.withheld)
      expect(lineEndsAsLf(cr.text)).toBe(lf.text)
    }
    // the CONFIDENTIAL NOFORN reader: the (S//NF) paragraph withheld, every other portion shown
    const c = redactText(CR, { level: 2, caveats: ['NOFORN'] })
    expect(c.withheld.map((w) => w.portion)).toEqual(['paragraph 2'])
    expect(c.text).not.toMatch(/marigold/)
    expect(c.text).toMatch(/juniper[\s\S]*quince/)
    // nothing below NOFORN reads any portion of a NOFORN-captioned cable
    expect(redactText(CR, { level: 3, caveats: [] }).text).not.toMatch(/juniper|marigold|quince/)
  })

  it('should index the same readable portions', () => {
    const filed = { level: 3, caveats: ['NOFORN'] }
    const lf = storedPortions({ key: '09DUSHANBE123', ...filed, text: LF })
    const cr = storedPortions({ key: '09DUSHANBE123', ...filed, text: CR })
    expect(lf.length).toBeGreaterThan(0)
    expect(cr.map((p) => ({ ...p, text: lineEndsAsLf(p.text) }))).toEqual(lf)
  })

  it('should import and render from the command line as its LF form (cable import, cable redact)', async () => {
    writeFileSync(join(root, 'lf.txt'), LF)
    writeFileSync(join(root, 'cr.txt'), CR)
    const opts = { cwd: root }
    expect((await runCable(['import', 'lf.txt', '--db', 'lf.db'], opts)).code).toBe(0)
    expect((await runCable(['import', 'cr.txt', '--db', 'cr.db'], opts)).code).toBe(0)
    for (const forWhom of ['CONFIDENTIAL', 'CONFIDENTIAL,NOFORN', 'SECRET,NOFORN']) {
      const args = ['redact', '09DUSHANBE123', '--for', forWhom, '--format', 'json']
      const lf = await runCable([...args, '--db', 'lf.db'], opts)
      const cr = await runCable([...args, '--db', 'cr.db'], opts)
      expect(cr.code).toBe(0)
      const [l, c] = [JSON.parse(lf.stdout), JSON.parse(cr.stdout)]
      expect(c.withheld).toEqual(l.withheld)
      expect(lineEndsAsLf(c.text)).toBe(l.text)
    }
    const shown = JSON.parse((await runCable(['show', '09DUSHANBE123', '--format', 'json', '--db', 'cr.db'], opts)).stdout)
    expect([shown.cable.classification, shown.cable.level, shown.cable.subject]).toEqual(['SECRET//NOFORN', 3, 'INVENTED TALKS ON THE RIVER TREATY'])
    expect(shown.cable.text).toBe(CR)
  })
})
