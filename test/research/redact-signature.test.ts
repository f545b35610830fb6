/**
 * Closing lines shown as a signature (spec §5.11; QA 14 finding 08): only the signer's name is shown to every
 * reader, as one line of a name's shape (`isSignerName`, `signerLine`); other closing lines of 1–3 capitalised
 * words (`SOURCE OTTOM`, `MOLE OTTOM TUESDAY`, several lines) are unmarked text at the cable's level, withheld from
 * a lower reader, never found by his portion-level search, and no signers in `people`. Both engines. Synthetic
 * cables only.
 */
import { describe, expect, it } from 'vitest'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { mentionsIn } from '../../src/archive/people.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { isSignerName } from '../../src/format/signer-name.js'
import { parseCable } from '../../src/format/parse.js'
import { storeEngines } from '../support/store-engines.js'
import { quorinSecretCable } from './secret-cable.js'

/** A SECRET cable of the invented post QUORIN whose one (C) paragraph is followed, after a blank line, by `closing`. */
const cable = (serial: number, closing: string) => quorinSecretCable(serial, 'CLOSING LINES', `1. (C) Opencanary confidential paragraph.

${closing}
`)

const LEAKS = ['SOURCE OTTOM', 'QUILLFEATHER\nOTTOM MOLE', 'MOLE OTTOM TUESDAY', 'QUILLFEATHER OTTOM MOLE', 'OTTOM IS MOLE']
const NAMES = ['QUILL', 'J. QUILL', 'Ona B. Quill', 'VAN QUILL', "O'QUILL", 'QUILL JR']

describe('the signature a release shows', () => {
  it.each(LEAKS)('should withhold the closing lines %j of a SECRET cable from a lower reader', (closing) => {
    const text = cable(701, closing)
    for (const level of [0, 2]) {
      const r = redactText(text, { level, caveats: [] })
      expect(r.text).not.toMatch(/OTTOM|QUILLFEATHER|TUESDAY/)
      expect(r.text).toContain('[Text withheld: unmarked: treated as the overall SECRET, above ')
    }
    expect(redactText(text, { level: 3, caveats: [] }).text).toContain(closing)
    expect(mentionsIn('k', text).filter((m) => m.role === 'signer')).toEqual([])
  })

  it.each(NAMES)('should show the signer %j to every reader and list him as the signer', (name) => {
    const text = cable(702, name)
    expect(redactText(text, { level: 0, caveats: [] }).text).toContain(`\n${name}\n`)
    expect(mentionsIn('k', text).filter((m) => m.role === 'signer').map((m) => m.written)).toEqual([name])
  })

  it('should read a name by its shape', () => {
    for (const n of [...NAMES, 'BLAKE.', 'RICE RICE', 'Mary Quill']) expect(isSignerName(n), n).toBe(true)
    for (const n of ['SOURCE OTTOM', 'MOLE OTTOM TUESDAY', 'End Text. QUILL', 'K', 'XXXXXXXXXXXX QUILL']) expect(isSignerName(n), n).toBe(false)
  })
})

describe.each(await storeEngines('redact-signature'))('portion-level search on $name', (engine) => {
  it.skipIf(engine.skip)('should not find a cable by closing lines withheld from the reader', async () => {
    const store = await engine.open()
    const texts = LEAKS.map((l, n) => cable(710 + n, l))
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `s${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    await configurePortionAccess(store, true)
    const C = { level: 2, caveats: [] }
    expect((await searchArchive(store, { query: 'opencanary', access: C, limit: 10 })).total).toBe(LEAKS.length)
    for (const word of ['ottom', 'quillfeather', 'tuesday']) expect((await searchArchive(store, { query: word, access: C, limit: 10 })).total, word).toBe(0)
    expect((await searchArchive(store, { query: 'ottom', access: { level: 3, caveats: [] }, limit: 10 })).total).toBe(LEAKS.length)
  })
})
