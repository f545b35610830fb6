/**
 * The releasable rendering never shows a lower reader text of a withheld portion under the guise of a header line,
 * and the level and caveats a cable is filed at cover every demand its rendering reads (docs/research.md,
 * "Releasable rendering"; re-QA round 4): a subject line wrapped to open with `CLASSIFIED BY`, the one-word last line
 * of a paragraph taken for a signature, a mark on a REF line or split across a line break, a mark or a sentence in
 * the Classified-by statement, an INFO line of two plain words, a single-letter mark after a letter enumerator.
 * Both engines for search and show. Synthetic cables only.
 */
import { describe, expect, it } from 'vitest'
import { cableAccess, UNREADABLE_MARKING_LABEL } from '../../src/archive/cable-access.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { configurePortionAccess } from '../../src/archive/portion-access.js'
import { redactText } from '../../src/archive/redact.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { showCable } from '../../src/archive/show-cable.js'
import { parseCable } from '../../src/format/parse.js'
import type { Access } from '../../src/store/store.js'
import { storeEngines } from '../support/store-engines.js'

/** A cable of the invented post QUORIN: its class line, addressee lines after TO, subject, REF, Classified By, text. */
const cable = (serial: number, o: { cls?: string; info?: string; subject?: string; ref?: string; by?: string; body: string }) => `P 151200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001
${o.info ?? ''}
${o.cls ?? 'S E C R E T'} QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 02/15/2018
TAGS: PREL PGOV
SUBJECT: ${o.subject ?? '(C) INVENTED TALKS'}

${o.ref ? `${o.ref}\n\n` : ''}${o.by ?? 'Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).'}

${o.body}`

const U: Access = { level: 0, caveats: [] }
const C: Access = { level: 2, caveats: [] }
const S: Access = { level: 3, caveats: [] }
const filed = (text: string) => cableAccess(parseCable(text, { plain: true }))
/** The rendering for a reader cleared for exactly what the cable is filed under withholds nothing readable. */
const agrees = (text: string) => {
  const f = filed(text)
  expect(redactText(text, f, f).withheld).toEqual([])
}

const OPEN = '1. (C) Opencanary paragraph is confidential.\n'

// 1. a subject wrapped so a line opens with CLASSIFIED BY is subject text
const SUBJECT_WRAP = cable(301, { subject: '(S) THE TALKS WERE DECLARED\nCLASSIFIED BY THE MINISTRY AS SUBJWRAPCANARY SECRETS', body: `${OPEN}\nQUILL\n` })
const SUBJECT_WRAP_ALONE = cable(302, { subject: '(S) THE TALKS WERE DECLARED\nCLASSIFIED BY THE MINISTRY AS SUBJALONECANARY SECRETS', by: '', body: `${OPEN}\nQUILL\n` })
// 2. the last one-word line of a marked paragraph, no blank line before it, is no signature
const LAST_WORD = cable(303, { body: `${OPEN}\n2. (S) The envoy will meet the source named\nKHANCANARY\n` })
const LAST_WORD_DOT = cable(304, { body: `${OPEN}\n2. (S) The envoy will meet the source in\nISLAMABADCANARY.\n` })
// a name right under a paragraph whose sentence ended is the signature; after a title's stop it is not
const SIGNED = cable(317, { body: `${OPEN}\n2. (S) The envoy met the source in the capital.\nQUILLSIGNER\n` })
const SIGNED_QUOTE = cable(318, { body: `${OPEN}\n2. (S) The source said "the talks are over."\nQUILLSIGNER\n` })
const AFTER_TITLE = cable(319, { body: `${OPEN}\n2. (S) The envoy will meet Lt. Gen.\nGENCANARY\n` })
const AFTER_INITIAL = cable(320, { body: `${OPEN}\n2. (S) The envoy will meet the source, J.\nINITIALCANARY\n` })
const AFTER_ABBREVIATION = cable(321, { body: `${OPEN}\n2. (S) The envoy will meet the source in the U.S.\nABBRCANARY\n` })
// 3. a mark on a REF line, a mark split over a line break
const REF_MARK = cable(305, { ref: 'REF: (S//NF) STATE 12345', body: `${OPEN}\nQUILL\n` })
const REF_MARK_TS = cable(306, { ref: 'REF: A. (TS) STATE 12345\n     B. STATE 23456', body: `${OPEN}\nQUILL\n` })
const SPLIT_START = cable(307, { body: `${OPEN}\n2. (S//\nNF) Splitcanary text follows the split mark.\n\nQUILL\n` })
const SPLIT_INNER = cable(308, { cls: 'C O N F I D E N T I A L', body: `1. (C) Opencanary paragraph says (S//\nNF) Innersplitcanary text.\n\nQUILL\n` })
// 4. a mark or a sentence in the Classified-by statement
const BY_MARK = cable(309, { by: 'Classified By: (S) Pol Counselor Bymarkcanary Doe for reasons 1.4 (b,d)', body: `${OPEN}\nQUILL\n` })
const BY_MARK_NF = cable(310, { by: 'Classified By: (S//NF) Pol Counselor John Doe for reasons 1.4 (b,d)', body: `${OPEN}\nQUILL\n` })
const BY_SENTENCE = cable(311, { by: 'Classified By: John Doe reported the talks bysentcanary failed, reasons 1.4(d)', body: `${OPEN}\nQUILL\n` })
const BY_TAIL = cable(316, { by: 'Classified By: Ambassador Ona Quill for reasons of state the bytailcanary talks failed', body: `${OPEN}\nQUILL\n` })
const BY_CAPS = cable(312, { by: 'CLASSIFIED BY: JOHN DOE REPORTED THE TALKS BYCAPSCANARY FAILED BADLY. REASONS 1.4(D)', body: `${OPEN}\nQUILL\n` })
// 5. a labelled addressee line of plain words
const INFO_WORDS = cable(313, { info: 'INFO NUCLEAR INFOCANARY', body: `${OPEN}\nQUILL\n` })
// 6. a single letter after a letter enumerator where a mark stands
const LETTER_Q = cable(314, { cls: 'C O N F I D E N T I A L', body: `${OPEN}A. (Q) Letterqcanary sub-item.\n\nQUILL\n` })
const LETTER_Q_BLOCK = cable(315, { cls: 'C O N F I D E N T I A L', body: `${OPEN}\nB. (X) Blockxcanary sub-item.\n\nQUILL\n` })

describe('a subject line wrapped to open with CLASSIFIED BY', () => {
  it('should be withheld with the subject from a lower reader', () => {
    for (const [text, word] of [[SUBJECT_WRAP, 'SUBJWRAPCANARY'], [SUBJECT_WRAP_ALONE, 'SUBJALONECANARY']]) {
      const r = redactText(text, C)
      expect(r.text).not.toContain(word)
      expect(r.text).not.toContain('MINISTRY')
      expect(r.text).toContain('Opencanary')
      expect(redactText(text, S).text).toContain(word)
      agrees(text)
    }
  })

  it('should still show a real Classified-by statement to a lower reader', () => {
    expect(redactText(SUBJECT_WRAP, C).text).toContain('Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).')
  })
})

describe('the last line of a paragraph', () => {
  it('should be withheld with the paragraph it ends, however name-like', () => {
    for (const [text, word] of [[LAST_WORD, 'KHANCANARY'], [LAST_WORD_DOT, 'ISLAMABADCANARY']]) {
      expect(filed(text).level).toBe(3)
      for (const reader of [U, C]) expect(redactText(text, reader).text).not.toContain(word)
      expect(redactText(text, S).text).toContain(word)
      agrees(text)
    }
  })
})

describe('a name right under the last line of a paragraph', () => {
  it('should be shown as the signature when the paragraph visibly ended before it', () => {
    for (const text of [SIGNED, SIGNED_QUOTE]) {
      const r = redactText(text, C)
      expect(r.text).toMatch(/\nQUILLSIGNER\n/)
      expect(r.text).not.toContain('envoy')
      expect(r.text).not.toContain('talks are over')
      agrees(text)
    }
  })

  it('should be withheld with the paragraph when the stop before it ends a title, an initial or an abbreviation', () => {
    for (const [text, word] of [[AFTER_TITLE, 'GENCANARY'], [AFTER_INITIAL, 'INITIALCANARY'], [AFTER_ABBREVIATION, 'ABBRCANARY']]) {
      for (const reader of [U, C]) expect(redactText(text, reader).text).not.toContain(word)
      expect(redactText(text, S).text).toContain(word)
      agrees(text)
    }
  })
})

describe('a paragraph mark mistyped or disguised', () => {
  // a CONFIDENTIAL cable whose paragraph 2 carries the mark as written
  const marked = (serial: number, mark: string) => cable(serial, { cls: 'C O N F I D E N T I A L', body: `${OPEN}\n2. ${mark} Disguisecanary${serial} the minister will resign.\n\nQUILL\n` })

  it('should read a level initial with stray punctuation as a mark nobody can read', () => {
    const marks = ['(S.)', '(S:)', '(C.NF)', '(C;NF)', '(C:NF)', '(C|NF)', '(C_NF)', '(C+NF)', '(C/NF.)']
    marks.forEach((mark, i) => {
      const text = marked(330 + i, mark)
      expect(filed(text), mark).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
      for (const reader of [C, S, { level: 4, caveats: ['NOFORN'] }]) expect(redactText(text, reader).text, mark).not.toContain(`Disguisecanary${330 + i}`)
    })
  })

  it('should read a mark spelt with lookalike or invisible characters as a mark nobody can read, and fullwidth parentheses as parentheses', () => {
    const marks = ['(\u0405)', '(\uff33)', '(\u200bS)', '(S\u00ad)', '(\u0421//NF)', '(S\u200d//NF)']
    marks.forEach((mark, i) => {
      const text = marked(340 + i, mark)
      expect(filed(text), JSON.stringify(mark)).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
      expect(redactText(text, { level: 4, caveats: ['NOFORN'] }).text, JSON.stringify(mark)).not.toContain(`Disguisecanary${340 + i}`)
    })
    // fullwidth parentheses are parentheses, a no-break space a blank: the mark they hold is read
    for (const [n, mark] of [[350, '\uff08S\uff09'], [353, '(S\u00a0)']] as const) {
      const text = marked(n, mark)
      expect(filed(text), JSON.stringify(mark)).toMatchObject({ level: 3, caveats: [] })
      expect(redactText(text, C).text).not.toContain(`Disguisecanary${n}`)
    }
    // an inner mark disguised the same way, and prose with accents or other scripts that is no mark
    const inner = cable(351, { cls: 'C O N F I D E N T I A L', body: `1. (C) Opencanary text then an inner (\u0405) note.\n\nQUILL\n` })
    expect(filed(inner)).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
    const prose = cable(352, { cls: 'C O N F I D E N T I A L', body: `1. (C) The envoy met the (Se\u00f1or) and the (\u041c\u0438\u0440) group.\n\nQUILL\n` })
    expect(filed(prose)).toMatchObject({ level: 2, classification: 'CONFIDENTIAL' })
    expect(redactText(prose, C).text).toContain('(Se\u00f1or)')
  })

  it('should read any letter of another script, combining or invisible character, or blank-looking filler in a mark as a disguise', () => {
    const marks = [
      '(\u13DA)', // Cherokee letter S
      '(\uA4E2)', // Lisu letter SA
      '(\uA731)', // Latin small capital S
      '(\u0455)', // Cyrillic small dze, the twin of `(s)`
      '(\u13A2S)', // Cherokee T before a Latin S
      '(S\u034F)', // combining grapheme joiner
      '(S\uFE0F)', // variation selector
      '(S\u115F)', '(S\u3164)', // Hangul fillers
      '(S\u2800)', // braille blank
      '(S\u0336)', '(S\u0307)', // combining stroke, dot above
      '(\u2C66)', // a lone letter of a script no table lists
    ]
    marks.forEach((mark, i) => {
      const text = marked(360 + i, mark)
      expect(filed(text), JSON.stringify(mark)).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
      expect(redactText(text, { level: 3, caveats: ['NOFORN'] }).text, JSON.stringify(mark)).not.toContain(`Disguisecanary${360 + i}`)
    })
  })

  it('should read a mark between brackets of another shape as the mark it holds', () => {
    const marks = ['\uFE59S\uFE5A', '\u207DS\u207E', '\u2768S\u2769', '{S}']
    marks.forEach((mark, i) => {
      const text = marked(380 + i, mark)
      expect(filed(text), JSON.stringify(mark)).toMatchObject({ level: 3 })
      expect(redactText(text, C).text, JSON.stringify(mark)).not.toContain(`Disguisecanary${380 + i}`)
      expect(redactText(text, S).text, JSON.stringify(mark)).toContain(`Disguisecanary${380 + i}`)
    })
  })

  it('should read a level with stray punctuation as a mark nobody can read wherever a mark may stand', () => {
    const places = (mark: string) => [
      `${OPEN}2. (C) The list follows:\nA. (C) Harbor item.\nB. ${mark} Straycanary item.\n\nQUILL\n`, // sub-item in a paragraph
      `${OPEN}\nA. ${mark} Straycanary item.\n\nQUILL\n`, // sub-item after a blank line
      `${OPEN}\n${mark} Straycanary block text.\n\nQUILL\n`, // line start
      `${OPEN}\n-- ${mark} Straycanary bullet text.\n\nQUILL\n`, // bullet
      `1. (C) Opencanary text. An inner ${mark} Straycanary note.\n\nQUILL\n`, // inside a paragraph
      `${OPEN}\n${mark} COMMENT: Straycanary here. END COMMENT.\n\nQUILL\n`, // comment block
    ]
    let n = 400
    for (const mark of ['(S.)', '(C;NF)', '(C|NF)', '(S:REL)']) {
      for (const body of places(mark)) {
        const text = cable(n++, { cls: 'C O N F I D E N T I A L', body })
        expect(filed(text), `${mark} in ${JSON.stringify(body)}`).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
        expect(redactText(text, { level: 3, caveats: ['NOFORN'] }).text, body).not.toContain('Straycanary')
      }
    }
    const ref = cable(n++, { cls: 'C O N F I D E N T I A L', ref: 'REF: A. STATE 12345 B. (S.) STRAYCANARY NOTE', body: `${OPEN}\nQUILL\n` })
    expect(filed(ref)).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
  })

  it('should leave acronyms with & or full stops, initials with names and possessives as prose', () => {
    for (const [i, words] of ['(S&T)', '(C&C)', '(S&ED)', '(C.DAVY)', '(S.A.)', '(C.I.A.)', "(SAUDI'S)", '(CONT\u2019D)'].entries()) {
      const inner = cable(450 + i, { cls: 'C O N F I D E N T I A L', body: `1. (C) The office ${words} met the envoy.\n\nQUILL\n` })
      expect(filed(inner), words).toMatchObject({ level: 2, classification: 'CONFIDENTIAL' })
      const start = cable(460 + i, { cls: 'C O N F I D E N T I A L', body: `${OPEN}\n${words} met the envoy.\n\nQUILL\n` })
      expect(filed(start), words).toMatchObject({ level: 2, classification: 'CONFIDENTIAL' })
      expect(redactText(start, C).text).toContain(`${words} met the envoy.`)
    }
  })

  it('should read a disguised inner mark with a tab inside as a mark nobody can read, as it reads one with a blank', () => {
    // (Ѕ NF) and (Ѕ<tab>NF) show alike: S NF with a Cyrillic DZE; a tab is a blank to every reader of marks
    for (const [n, mark] of [[354, '(\u0405 NF)'], [355, '(\u0405\tNF)']] as const) {
      const text = cable(n, { cls: 'C O N F I D E N T I A L', body: `1. (C) Opencanary text then an inner ${mark} note.\n\nQUILL\n` })
      expect(filed(text), JSON.stringify(mark)).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
    }
  })
})

describe('control characters inside a mark', () => {
  it('should read a mark holding a terminal sequence or a control character as a mark nobody can read', () => {
    const marks = ['(S\x1b[0m)', '(\x1b[32mS\x1b[0m)', '(S\x1b[8m)', '(S\x7f)', '(S\x08)', '(S\u0085)']
    marks.forEach((mark, i) => {
      for (const [n, body] of [
        [480 + i, `${OPEN}\n2. ${mark} Controlcanary text.\n\nQUILL\n`],
        [490 + i, `1. (C) Open text then an inner ${mark} Controlcanary note.\n\nQUILL\n`],
      ] as const) {
        const text = cable(n, { cls: 'C O N F I D E N T I A L', body })
        expect(filed(text), JSON.stringify(body)).toMatchObject({ level: 4, classification: UNREADABLE_MARKING_LABEL })
        expect(redactText(text, { level: 3, caveats: ['NOFORN'] }).text, JSON.stringify(body)).not.toContain('Controlcanary')
      }
    })
  })
})

describe('a caveat in the header spelt past the caption reader', () => {
  it('should demand the caveat a screen shows, however it is typed', () => {
    const captions: [string, string][] = [
      ['N\u041eFORN', 'NOFORN'], // Cyrillic O
      ['NO\u00adFORN', 'NOFORN'], // soft hyphen
      ['NOFO\u200bRN', 'NOFORN'], // zero-width space
      ['\uff2e\uff2f\uff26\uff2f\uff32\uff2e', 'NOFORN'], // fullwidth
      ['NOF0RN', 'NOFORN'], // a zero
      ['NO-FORN', 'NOFORN'], // a hyphen inside
      ['NOD\u0406S', 'NODIS'], // Cyrillic I
      ['NODlS', 'NODIS'], // a lower-case l
      ['EX\x1b[0mDIS', 'EXDIS'], // a terminal sequence
    ]
    captions.forEach(([caption, caveat], i) => {
      const text = cable(500 + i, { cls: `C O N F I D E N T I A L\n\n${caption}`, body: `1. (C) Captioncanary text.\n\nQUILL\n` })
      const f = filed(text)
      expect(f.caveats, JSON.stringify(caption)).toContain(caveat)
      expect(redactText(text, C, f).text, JSON.stringify(caption)).not.toContain('Captioncanary')
      expect(redactText(text, { level: 2, caveats: [caveat] }, f).text, JSON.stringify(caption)).toContain('Captioncanary')
    })
    // on the class line, after its level
    const classLine = cable(520, { cls: 'SECRET//N\u041eFORN', body: `1. (S) Classlinecanary text.\n\nQUILL\n` })
    const cl = filed(classLine)
    expect(cl.level === 4 || cl.caveats.includes('NOFORN'), JSON.stringify(cl)).toBe(true)
    expect(redactText(classLine, S, cl).text).not.toContain('Classlinecanary')
    // words that only look alike to a careless eye stay words: FORUM, NODES, EXODUS
    const words = cable(521, { cls: 'C O N F I D E N T I A L\n\nFORUM NODES EXODUS', body: `1. (C) Plaincanary text.\n\nQUILL\n` })
    expect(filed(words)).toMatchObject({ level: 2, caveats: [] })
  })
})

describe('a portion mark on a REF line or split over a line break', () => {
  it('should file the cable by the mark on its REF line', () => {
    expect(filed(REF_MARK)).toMatchObject({ level: 3, caveats: ['NOFORN'] })
    expect(redactText(REF_MARK, S).text).not.toContain('STATE 12345')
    expect(filed(REF_MARK_TS)).toMatchObject({ level: 4, caveats: [] })
    expect(redactText(REF_MARK_TS, S).text).not.toContain('12345')
    for (const text of [REF_MARK, REF_MARK_TS]) agrees(text)
  })

  it('should read a mark standing whole on one side of a line break', () => {
    // `2. (S` then `) …`, and `2. (` then `S) …`: the parenthesis is broken by the margin, the mark is whole
    for (const [n, para2] of [[470, '2. (S\n) Splitwholecanary text.'], [471, '2. (\nS) Splitwholecanary text.'], [472, '2. (C) Open. An inner (S//NF\n) Splitwholecanary text.']] as const) {
      const text = cable(n, { cls: 'C O N F I D E N T I A L', body: `${OPEN}\n${para2}\n\nQUILL\n` })
      expect(filed(text).level, para2).toBe(3)
      expect(redactText(text, C).text, para2).not.toContain('Splitwholecanary')
      expect(redactText(text, { level: 3, caveats: ['NOFORN'] }).text, para2).toContain('Splitwholecanary')
    }
  })

  it('should read a mark split over a line break as the mark it spells', () => {
    expect(filed(SPLIT_START)).toMatchObject({ level: 3, caveats: ['NOFORN'] })
    expect(redactText(SPLIT_START, S).text).not.toContain('Splitcanary')
    expect(filed(SPLIT_INNER)).toMatchObject({ level: 3, caveats: ['NOFORN'] })
    expect(redactText(SPLIT_INNER, C).text).not.toContain('Innersplitcanary')
    expect(redactText(SPLIT_INNER, { level: 3, caveats: ['NOFORN'] }).text).toContain('Innersplitcanary')
    for (const text of [SPLIT_START, SPLIT_INNER]) agrees(text)
  })
})

describe('the Classified-by statement', () => {
  it('should show only a name and title, never a mark or a sentence before the reasons', () => {
    for (const [text, word] of [[BY_MARK, 'Bymarkcanary'], [BY_SENTENCE, 'bysentcanary'], [BY_CAPS, 'BYCAPSCANARY'], [BY_TAIL, 'bytailcanary']]) {
      const r = redactText(text, C)
      expect(r.text).not.toContain(word)
      expect(r.text).toContain('Opencanary')
      expect(redactText(text, S).text).toContain(word)
      agrees(text)
    }
    expect(filed(BY_MARK_NF)).toMatchObject({ level: 3, caveats: ['NOFORN'] })
    agrees(BY_MARK_NF)
  })

  it('should show name-and-title statements as written', () => {
    for (const by of [
      'Classified By: Acting Deputy Chief of Mission Ada B. Quill for Reasons 1.4 (b) and (d)',
      'CLASSIFIED BY: Ona A. Quill, Ambassador, US Embassy Quorin, Department of State. REASON: 1.4 (b), (d)',
      'Classified By: Pol/Econ Counselor Ona Quill; reasons 1.4(b) and (d).',
      'Classified By: A/DCM Ona Quill for Reasons 1/4 (B...',
      'Classified By: Ambassador Ona B. Quill.',
      'CLASSIFIED BY: POLITICAL COUNSELOR ONA QUILL. REASONS 1.4 (B) AND (D)',
      '(U) Classified By: DCM Ona Quill, reasons 1.4 (b,d).',
    ]) {
      const text = cable(320, { by, body: `${OPEN}\nQUILL\n` })
      expect(redactText(text, U).text, by).toContain(by)
    }
  })
})

describe('an addressee line', () => {
  it('should show a labelled line of plain words that is no PLAD to no lower reader', () => {
    const r = redactText(INFO_WORDS, C)
    expect(r.text).not.toContain('INFOCANARY')
    expect(r.text).toContain('TO SECSTATE WASHDC PRIORITY 0001')
    expect(redactText(INFO_WORDS, S).text).toContain('INFOCANARY')
    agrees(INFO_WORDS)
  })

  it('should show labelled addressee lines that parse as PLADs', () => {
    for (const line of ['INFO AMEMBASSY PARIS', 'INFO ALL SOUTH AND CENTRAL ASIA COLLECTIVE', 'INFO RUEHFR/AMEMBASSY PARIS 0042', 'INFO HQ USEUCOM VAIHINGEN GE', 'INFO CIA WASHDC', 'INFO USEU BRUSSELS']) {
      const text = cable(321, { info: line, body: `${OPEN}\nQUILL\n` })
      expect(redactText(text, U).text, line).toContain(`${line}\n`)
    }
  })
})

describe('a single letter after a letter enumerator', () => {
  it('should be an unreadable mark, filing the cable TOP SECRET (marking not understood)', () => {
    for (const [text, word] of [[LETTER_Q, 'Letterqcanary'], [LETTER_Q_BLOCK, 'Blockxcanary']]) {
      expect(filed(text)).toEqual({ level: 4, caveats: [], classification: UNREADABLE_MARKING_LABEL })
      expect(redactText(text, { level: 4, caveats: ['NOFORN'] }).text).not.toContain(word)
    }
  })

  it('should leave the letter of the enumerator repeated and a readable mark as they were', () => {
    const repeat = cable(322, { cls: 'C O N F I D E N T I A L', body: `${OPEN}\nB. (B) Repeatcanary sub-item.\n\nC. (C) Markedcanary sub-item.\n\nQUILL\n` })
    expect(filed(repeat)).toMatchObject({ level: 2, classification: 'CONFIDENTIAL' })
    expect(redactText(repeat, C).text).toContain('Repeatcanary')
    expect(redactText(repeat, U).text).not.toContain('Markedcanary')
  })
})

describe.each(await storeEngines('redact-fail-closed'))('search and show on $name', (engine) => {
  const texts = [SUBJECT_WRAP, LAST_WORD, REF_MARK, SPLIT_START, SPLIT_INNER, BY_MARK, BY_SENTENCE, INFO_WORDS, LETTER_Q]
  /** Words of the cables a reader must not find, and the reader. */
  const hidden: [string, Access][] = [['subjwrapcanary', C], ['khancanary', C], ['splitcanary', S], ['innersplitcanary', C], ['bymarkcanary', C], ['bysentcanary', C], ['infocanary', C], ['letterqcanary', { level: 3, caveats: ['NOFORN'] }]]
  it.skipIf(engine.skip).each([false, true])('should give a lower reader none of the withheld words (portion-level access %s)', async (on) => {
    const store = await engine.open()
    await store.upsertCables(texts.map((text, n) => toCableRecord(parseCable(text, { plain: true }), text, { locator: `f${n}.txt`, rendering: 'text', sha256: String(n).padStart(64, '0'), importedAt: '2024-01-01T00:00:00.000Z', metadata: {} })))
    if (on) await configurePortionAccess(store, true)
    for (const [word, reader] of hidden) expect((await searchArchive(store, { query: word, access: reader, limit: 10 })).total, word).toBe(0)
    for (const key of ['08QUORIN301', '08QUORIN303', '08QUORIN309', '08QUORIN311', '08QUORIN313']) expect(JSON.stringify((await showCable(store, key, C)) ?? '')).not.toMatch(/subjwrapcanary|khancanary|bymarkcanary|bysentcanary|infocanary/i)
    expect(JSON.stringify((await showCable(store, '08QUORIN305', S)) ?? '')).not.toContain('12345')
    // the cables are there for a reader cleared for them
    expect((await searchArchive(store, { query: 'opencanary', access: { level: 4, caveats: ['NOFORN'] }, limit: 20 })).total).toBe(texts.length)
  })
})
