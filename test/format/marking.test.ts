import { describe, expect, it } from 'vitest'
import { closest, looksLikeMark, markingConflict, markingParts, markWordKind, parseMarking } from '../../src/format/marking.js'
import { cableAccess } from '../../src/archive/cable-access.js'
import { LEVEL_RANK, type Level } from '../../src/format/classification.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { markedTelegram as telegram } from '../support/telegram.js'

const read = (m: string) => {
  const r = parseMarking(m)
  if (!r.ok) throw new Error(`refused ${m}: ${r.error.message}`)
  return r.parts
}
const refusal = (m: string) => {
  const r = parseMarking(m)
  if (r.ok) throw new Error(`read ${m}`)
  return r.error
}

describe('parseMarking: levels in every form', () => {
  it.each([
    ['U', 'UNCLASSIFIED'], ['UNCLAS', 'UNCLASSIFIED'], ['Unclassified', 'UNCLASSIFIED'],
    ['C', 'CONFIDENTIAL'], ['c', 'CONFIDENTIAL'], ['CONFIDENTIAL', 'CONFIDENTIAL'], [' C ', 'CONFIDENTIAL'],
    ['S', 'SECRET'], ['SECRET', 'SECRET'], ['Secret', 'SECRET'],
    ['TS', 'TOP SECRET'], ['TOP SECRET', 'TOP SECRET'], ['top  secret', 'TOP SECRET'],
    ['SBU', 'SBU'], ['LOU', 'SBU'], ['U//FOUO', 'SBU'], ['UNCLASSIFIED//FOR OFFICIAL USE ONLY', 'SBU'], ['LIMITED OFFICIAL USE', 'SBU'],
    ['SENSITIVE BUT UNCLASSIFIED', 'SBU'], ['U//SBU', 'SBU'],
  ])('%s is %s', (mark, level) => {
    expect(read(mark).level).toBe(level)
  })
})

describe('parseMarking: SBU after a classified level', () => {
  it('should refuse S//SBU as a second level, the level word read before the administrative control', () => {
    expect(refusal('S//SBU').message).toBe('a second level SBU after S')
    expect(refusal('SECRET//SBU').message).toBe('a second level SBU after SECRET')
  })
})

describe('parseMarking: caveats and REL TO', () => {
  it.each([
    ['S//NF', 'SECRET', ['NOFORN']], ['S/NF', 'SECRET', ['NOFORN']], ['S-NF', 'SECRET', ['NOFORN']], ['C NF', 'CONFIDENTIAL', ['NOFORN']],
    ['SECRET//NOFORN', 'SECRET', ['NOFORN']], ['CONFIDENTIAL//NOFORN', 'CONFIDENTIAL', ['NOFORN']], ['s/noforn', 'SECRET', ['NOFORN']],
    ['S//NODIS', 'SECRET', ['NODIS']], ['C//EXDIS', 'CONFIDENTIAL', ['EXDIS']], ['S//ORCON', 'SECRET', ['ORCON']], ['TS//OC', 'TOP SECRET', ['ORCON']],
    ['C//LIMDIS', 'CONFIDENTIAL', ['LIMDIS']], ['S//STADIS', 'SECRET', ['STADIS']], ['S//NODIF', 'SECRET', ['NODIS']],
    ['S//NF/ORCON', 'SECRET', ['NOFORN', 'ORCON']], ['TS//NODIS//NF', 'TOP SECRET', ['NODIS', 'NOFORN']],
    ['SBU/N', 'SBU', ['NOFORN']], ['SBU//NF', 'SBU', ['NOFORN']], ['S//FGI//NF', 'SECRET', ['FGI', 'NOFORN']],
    ['C - ENTIRE TEXT', 'CONFIDENTIAL', []], ['CONFIDENTIAL -- ENTIRE PARAGRAPH', 'CONFIDENTIAL', []],
    // the extent statements of 1970s telegrams: a full stop, exceptions, the paragraphs named
    ['S - ENTIRE TEXT.', 'SECRET', []], ['C-ENTIRE TEXT.', 'CONFIDENTIAL', []], ['c - entire text.', 'CONFIDENTIAL', []],
    ['C - PARAS 1 AND 2', 'CONFIDENTIAL', []], ['S - PARA 4', 'SECRET', []], ['C - ENTIRE TEXT EXCEPT PARA 3', 'CONFIDENTIAL', []],
    ['S//NF - PARAS 2, 3 AND 5.', 'SECRET', ['NOFORN']], ['LOU - PARAGRAPHS 1 THRU 3', 'SBU', []],
  ])('%s is %s with %j', (mark, level, caveats) => {
    const parts = read(mark)
    expect(parts.level).toBe(level)
    expect(parts.caveats).toEqual(caveats)
  })

  // the words of the level and caveat tables no other test reads whole, each with what it demands written out
  it.each([
    ['U//SBU', 'SBU', []], // SBU after a level is an administrative control: the marking is SBU, never UNCLASSIFIED
    ['UNCLASSIFIED//SBU', 'SBU', []],
    ['CUI', 'SBU', []],
    ['S//CHEROKEE', 'SECRET', ['CHEROKEE']],
    ['S//SPECAT EXCLUSIVE', 'SECRET', ['SPECAT EXCLUSIVE']],
    // the extent words alone, where the extent statement read off a mark's end does not reach
    ['ENTIRE TEXT', null, []],
    ['ENTIRE PARAGRAPH', null, []],
    ['ENTIRE CABLE', null, []],
    ['ENTIRE MESSAGE', null, []],
  ])('should read %j as %s with %j', (mark, level, caveats) => {
    expect(parseMarking(mark)).toEqual({ ok: true, parts: { level, caveats, releasableTo: null } })
  })

  // as typed: blanks doubled or left out, paragraph numbers of two digits, lists and ranges in either branch
  it.each([
    ['S - ENTIRE  TEXT.', 'SECRET'],
    ['C - ENTIRE TEXT  EXCEPT PARA 3', 'CONFIDENTIAL'],
    ['C - ENTIRE TEXT EXCEPT  PARA 3', 'CONFIDENTIAL'],
    ['C - ENTIRE TEXT EXCEPT PARA.3', 'CONFIDENTIAL'],
    ['C - ENTIRE TEXT EXCEPT PARA 12', 'CONFIDENTIAL'],
    ['C - ENTIRE TEXT EXCEPT PARAS 3, 4', 'CONFIDENTIAL'],
    ['C - ENTIRE TEXT EXCEPT PARAS 3 AND 4', 'CONFIDENTIAL'],
    ['C - ENTIRE TEXT EXCEPT PARAS 3-5', 'CONFIDENTIAL'],
    ['C - ENTIRE TEXT EXCEPT PARAS 3 THRU 12', 'CONFIDENTIAL'],
    ['S - PARA.4', 'SECRET'],
    ['S - PARA 12', 'SECRET'],
    ['S - PARAS 1-3', 'SECRET'],
    ['S - PARAS 1 THRU 12', 'SECRET'],
  ])('should read the extent statement of %j off its %s mark', (mark, level) => {
    expect(parseMarking(mark)).toEqual({ ok: true, parts: { level, caveats: [], releasableTo: null } })
  })

  it('should refuse an extent statement after an unknown word or a number that names no paragraph', () => {
    // a word glued to the hyphen is no extent statement: XENTIRE is an unknown word
    expect(parseMarking('S -XENTIRE TEXT')).toEqual({ ok: false, error: { message: 'unknown marking word "XENTIRE"', start: 3, end: 10 } })
    expect(parseMarking('Q - ENTIRE TEXT.').ok).toBe(false)
    expect(parseMarking('S - PARA 12345').ok).toBe(false)
    expect(parseMarking('S - ENTIRE TEXT EXCEPT').ok).toBe(false)
  })

  it('should read an extent statement standing alone as the same words without their hyphen', () => {
    // the tail is read off only after a level or caveat: at the start of the word nothing stands before it, and
    // the parser's own extent words read it, so `- ENTIRE TEXT` and `ENTIRE TEXT` are one marking
    expect(parseMarking('- ENTIRE TEXT')).toEqual(parseMarking('ENTIRE TEXT'))
    expect(parseMarking('-ENTIRE TEXT')).toEqual(parseMarking('ENTIRE TEXT'))
  })

  it('should read a caveat-only mark as caveats without a level', () => {
    expect(read('NF')).toEqual({ level: null, caveats: ['NOFORN'], releasableTo: null })
    expect(read('NODIS')).toEqual({ level: null, caveats: ['NODIS'], releasableTo: null })
  })

  it('should read REL TO lists in their written forms', () => {
    expect(read('C/REL TO USA, GBR').releasableTo).toEqual(['USA', 'GBR'])
    expect(read('S//REL TO USA, GBR, AUS, CAN, NZL').releasableTo).toEqual(['USA', 'GBR', 'AUS', 'CAN', 'NZL'])
    expect(read('C//REL TO USA, KEN, GBR//').releasableTo).toEqual(['USA', 'KEN', 'GBR'])
    expect(read('C/REL NATO/AUS').releasableTo).toEqual(['NATO', 'AUS'])
    expect(read('S//REL MLT, GBR, AND GER').releasableTo).toEqual(['MLT', 'GBR', 'GER'])
    expect(read('S//REL TO USA, GBR ORCON')).toEqual({ level: 'SECRET', caveats: ['ORCON'], releasableTo: ['USA', 'GBR'] })
    expect(read('Secret/Rel Armenia')).toEqual({ level: 'SECRET', caveats: [], releasableTo: ['ARMENIA'] })
  })

  it.each([
    ['S/NF/REL PANAMA', 5, 15, 'SECRET'],
    ['S//NOFORN//REL TO USA, GBR', 11, 26, 'SECRET'],
    ['C//REL TO USA, GBR//NF', 3, 18, 'CONFIDENTIAL'],
    ['SECRET//REL TO GBR//NOFORN', 8, 18, 'SECRET'],
    ['S/REL UK/NF', 2, 8, 'SECRET'],
    ['TS//rel to usa, aus//nf', 4, 19, 'TOP SECRET'],
    ['SBU/N/REL TO GBR', 6, 16, 'SBU'],
    // a caveat after a space, not a separator, is no part of a country's name
    ['S//REL TO USA, GBR NF', 3, 18, 'SECRET'],
    ['C//REL TO GBR NOFORN', 3, 13, 'CONFIDENTIAL'],
  ])('should refuse REL TO with NOFORN in %s at the REL TO list, keeping NOFORN as the fail-closed reading', (mark, start, end, level) => {
    const r = parseMarking(mark)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toMatchObject({ message: expect.stringMatching(/REL TO and NOFORN contradict/), start, end })
    expect(r.failClosed).toEqual({ level, caveats: ['NOFORN'], releasableTo: null })
    expect(markingParts(mark)).toEqual(r.failClosed)
  })

  it('should call only REL TO with NOFORN a contradiction', () => {
    expect(markingConflict({ level: 'SECRET', caveats: ['NOFORN'], releasableTo: ['PANAMA'] })).toMatch(/REL TO and NOFORN/)
    expect(markingConflict(read('S//NF'))).toBeNull()
    expect(markingConflict(read('S//REL TO USA, GBR'))).toBeNull()
    // an unreadable mark has no fail-closed reading: nothing says what it demands
    expect(parseMarking('S//NOFRON/REL TO USA')).not.toHaveProperty('failClosed')
    expect(markingParts('S//NOFRON')).toBeNull()
  })
})

describe('parseMarking: refusals with their place', () => {
  it.each([
    ['S//NOFRON', 3, 9, /NOFRON.*did you mean NOFORN/],
    ['TS/SCI', 3, 6, /"SCI"/],
    ['C//EXDSI', 3, 8, /did you mean EXDIS/],
    ['S/C', 2, 3, /"C"/],
    ['S//TS', 3, 5, /second level/],
    ['SECRET/CONFIDENTIAL', 7, 19, /second level/],
    ['S//FOUO', 3, 7, /unclassified control/],
    ['S//REL TO', 3, 6, /names no country/],
    ['C//REL TO GBR SECRET', 14, 20, /second level SECRET/],
    ['S///NF', 1, 4, /separator/],
    ['S//N*F', 4, 5, /unexpected character/],
    ['', 0, 0, /empty/],
  ])('%s is refused at %i–%i', (mark, start, end, message) => {
    const e = refusal(mark)
    expect([e.start, e.end]).toEqual([start, end])
    expect(e.message).toMatch(message)
  })

  it('should suggest only near words', () => {
    expect(closest('NOFRON', ['NOFORN', 'NODIS'])).toBe('NOFORN')
    expect(closest('XYZ', ['NOFORN', 'NODIS'])).toBeNull()
    expect(closest('NOFORN', ['NOFORN'])).toBeNull()
  })

  it('should count edits as optimal string alignment: inserts, deletions and changes anywhere, a swap of neighbours as one', () => {
    // [word, candidate, edits between them (worked out by hand), closest]
    const cases: [string, string, number, string | null][] = [
      ['ODIS', 'NODIS', 1, 'NODIS'], // a letter missing at the start
      ['NODI', 'NODIS', 1, 'NODIS'], // at the end
      ['XNODIS', 'NODIS', 1, 'NODIS'], // one too many at the start
      ['NODISX', 'NODIS', 1, 'NODIS'],
      ['BAU', 'ABU', 1, 'ABU'], // the first two letters swapped
      ['BA', 'AB', 1, 'AB'],
      ['ORCNO', 'ORCON', 1, 'ORCON'], // the last two
      ['SCERET', 'SECRET', 1, 'SECRET'],
      ['NOOFRN', 'NOFORN', 1, 'NOFORN'],
      ['ABCD', 'BADC', 2, null], // two swaps in a word of four letters
      ['NDS', 'NODIS', 2, null],
      ['NDSI', 'NODIS', 2, null], // a missing letter and a swap, in four letters
      ['NFRON', 'NOFORN', 2, 'NOFORN'], // the same in five
      ['NOFROM', 'NOFORN', 2, 'NOFORN'],
      ['LIMDIZZ', 'LIMDIS', 2, 'LIMDIS'],
      ['OCRNO', 'ORCON', 2, 'ORCON'],
      ['DXES', 'EXDIS', 3, null],
      ['XYZ', 'NOFORN', 6, null],
    ]
    for (const [word, candidate, , expected] of cases) expect([word, closest(word, [candidate])]).toEqual([word, expected])
    // a lower-case word is read in capitals
    expect(closest('odis', ['NODIS'])).toBe('NODIS')
  })

  it('should take the nearest candidate, and the first of equally near ones', () => {
    expect(closest('NODS', ['NOFORN', 'NODIS', 'NODIS'])).toBe('NODIS')
    expect(closest('EXDSI', ['NODIS', 'EXDIS'])).toBe('EXDIS')
    expect(closest('CAT', ['BAT', 'HAT'])).toBe('BAT')
    expect(closest('CAT', ['HAT', 'BAT'])).toBe('HAT')
    expect(closest('CAT', [])).toBeNull()
  })

  it('should end an unknown word\'s message at its name when no marking word is near', () => {
    expect(refusal('S//QWERTY').message).toBe('unknown marking word "QWERTY"')
    expect(refusal('S//NOFRON').message).toBe('unknown marking word "NOFRON" (did you mean NOFORN?)')
  })
})

describe('markWordKind: a parenthesised word where only a portion mark stands', () => {
  it.each([
    // [word, after a number or SUBJECT:, at a line start]
    ['S//NF', 'readable', 'readable'],
    ['NF', 'readable', 'readable'],
    ['TOP SECRET', 'readable', 'readable'], // the blank is kept: TOPSECRET is no marking
    ['TOPSECRET', 'none', 'none'],
    [' SNF ', 'unreadable', 'unreadable'], // blanks around are no part of the word
    ['S\n//ZZ', 'unreadable', 'unreadable'], // a garbled mark wrapped over two lines
    ['S//ZZ', 'unreadable', 'unreadable'],
    ['S/NF/XX', 'unreadable', 'unreadable'],
    ['Q//ZZ', 'unreadable', 'none'], // a // after a number, no level: unreadable there only
    ['Q/ZZ', 'none', 'none'],
    ['Q', 'unreadable', 'none'], // a single upper-case letter
    ['A', 'unreadable', 'none'],
    ['a', 'none', 'none'],
    ['SNF', 'unreadable', 'unreadable'], // S and NF glued: a mark at a line start too (QA 14 round 7, F1)
    ['SI', 'unreadable', 'none'],
    ['TSS', 'unreadable', 'none'], // levels glued: acronyms as often (`CSU`, `CCS`) at a line start
    ['TSNF', 'unreadable', 'unreadable'], // a level glued to a caveat
    ['CONF', 'unreadable', 'unreadable'], // a level's stem
    ['Conf', 'unreadable', 'unreadable'], // in any letter case
    ['Secretariat', 'none', 'none'], // a word that only opens like a level
    ['SOCIAL', 'unreadable', 'none'],
    ['SOC', 'unreadable', 'none'], // OC glued after a level is an acronym as often
    ['US', 'none', 'none'], // a glued mark opens with a classified level
    ['SNOFORNX', 'unreadable', 'none'], // eight letters
    ['TOPSECRETX', 'none', 'none'], // ten
    ['CIA', 'unreadable', 'none'],
    ['UN', 'none', 'none'], // not opening with T, S or C
    ['EU', 'none', 'none'],
    ['Japan', 'none', 'none'],
    ['Sx', 'none', 'none'],
    ['SNF1', 'none', 'none'],
    ['U.S', 'none', 'none'],
    ['X.S', 'none', 'none'],
  ])('%j after a number is %s, at a line start %s', (word, afterNumber, atLineStart) => {
    expect(markWordKind(word)).toBe(afterNumber)
    expect(markWordKind(word, 'number')).toBe(afterNumber)
    expect(markWordKind(word, 'line')).toBe(atLineStart)
  })
})

describe('looksLikeMark: marks versus parenthesised text', () => {
  it.each(['S//NF', 'SECRET', 'TOP SECRET', 'NF', 'S//XYZ', 'TS/SCI', 'S/NF/rel Panama', 'c', 'C NF', 'REL TO USA'])('%s is a mark', (t) => {
    expect(looksLikeMark(t)).toBe(true)
  })
  it.each(['U.S.', 'UN', 'a', 'Note: see below', 'Secret talks', 'SE', 'SNF', '3', 'CORRECTED COPY', 'Mideast', 'CUBA IS'])('%s is text', (t) => {
    expect(looksLikeMark(t)).toBe(false)
  })
  // its first word: after blanks and tabs, ended by the text's end, a blank, a tab or a separator (/ , -)
  it.each([' S', '\tC', ' \t S//NF', 'S\t', 'S,NF', 'S-NF', 'S NF'])('%j is a mark: its first word read past blanks and up to a separator', (t) => {
    expect(looksLikeMark(t)).toBe(true)
  })
  it.each(['', ' ', '\t', '.S', 'S.NF', 'S:NF', ' S;'])('%j is text: no word, or one ended by something else', (t) => {
    expect(looksLikeMark(t)).toBe(false)
  })
})

const codes = (text: string) => parseCable(text).diagnostics.map((d) => d.code)

describe('the text parser reads every mark through the marking parser', () => {
  it.each(['SECRET', 'TOP SECRET', 'SECRET//NOFORN', 'CONFIDENTIAL//NOFORN', 'NF', 'S NF', 'S//REL TO USA, GBR, AUS, CAN, NZL'])(
    'should keep the paragraph mark (%s) it used to drop',
    (mark) => {
      const c = parseCable(telegram('UNCLAS ZANZIBAR 000001', [], '(U) TEST', ['1. (U) One.', `2. (${mark}) Two.`]))
      expect(c.paragraphs.map((p) => p.marking)).toEqual(['U', mark])
      expect(c.paragraphs[1].text).toBe('Two.')
    },
  )

  it('should read the leading mark of an unnumbered paragraph (a lone portion) as a paragraph numbered 0', () => {
    const text = telegram('UNCLAS ZANZIBAR 000001', [], 'TEST', ['(S//NF) The lone portion of this text.'])
    const c = parseCable(text)
    expect(c.paragraphs).toMatchObject([{ number: 0, marking: 'S//NF', text: 'The lone portion of this text.' }])
    expect(renderLossless(c)).toBe(text)
  })

  it('should read marked unnumbered blocks between numbered paragraphs and before paragraph 1', () => {
    const c = parseCable(telegram('C O N F I D E N T I A L ZANZIBAR 000001', ['NODIS'], '(C) TEST', ['(C//NODIS) Summary: the opening block.', '1. (C) One.', 'A heading', '(U) After the heading.']))
    expect(c.paragraphs.map((p) => [p.number, p.marking])).toEqual([[0, 'C//NODIS'], [1, 'C'], [0, 'U']])
  })

  it('should not take the letters of a lettered list for marks', () => {
    const c = parseCable(telegram('UNCLAS ZANZIBAR 000001', [], 'TEST', ['1. The options:', '(A) first;', '(B) second;', '(C) third;', '(D) fourth.']))
    expect(c.paragraphs.map((p) => p.number)).toEqual([1])
    expect(codes(telegram('UNCLAS ZANZIBAR 000001', [], 'TEST', ['1. Items:', '(R) one;', '(S) two;', '(T) three.']))).not.toContain('PORTION_ABOVE_OVERALL')
  })

  it('should read a long subject mark', () => {
    const c = parseCable(telegram('S E C R E T ZANZIBAR 000001', [], '(S//REL TO USA, GBR, AUS, CAN, NZL) FIVE EYES', ['1. (S) One.']))
    expect(c.subjectMarking).toBe('S//REL TO USA, GBR, AUS, CAN, NZL')
    expect(c.subject).toBe('FIVE EYES')
  })

  it('should report an unreadable mark as BAD_MARKING at the mark', () => {
    const text = telegram('S E C R E T ZANZIBAR 000001', [], '(S) TEST', ['1. (S//NOFRON) One.', '2. (TS/SCI) Two.'])
    const bad = parseCable(text).diagnostics.filter((d) => d.code === 'BAD_MARKING')
    expect(bad.map((d) => text.slice(d.span.start.offset, d.span.end.offset))).toEqual(['NOFRON', 'SCI'])
    expect(bad[0].severity).toBe('error')
    expect(bad[0].span.start).toMatchObject({ line: 12, column: 8 })
  })

  it('should report a portion above the class line, or with a caveat no caption states, as PORTION_ABOVE_OVERALL', () => {
    const above = (classLine: string, captions: string[], subject: string, paras: string[]) =>
      parseCable(telegram(classLine, captions, subject, paras)).diagnostics.filter((d) => d.code === 'PORTION_ABOVE_OVERALL').map((d) => d.message)
    expect(above('UNCLAS ZANZIBAR 000001', [], '(U) T', ['1. (U) One.', '2. (S//NF) Two.'])).toEqual([
      expect.stringMatching(/above the stated UNCLASSIFIED: the cable is filed at SECRET/),
      expect.stringMatching(/names NOFORN/),
    ])
    expect(above('C O N F I D E N T I A L ZANZIBAR 000001', [], '(S//NF) T', ['1. (C) One.'])).toHaveLength(2)
    expect(above('S E C R E T ZANZIBAR 000001', [], '(S) T', ['1. (S//NODIS) One.'])).toEqual([expect.stringMatching(/names NODIS/)])
    expect(above('S E C R E T ZANZIBAR 000001', ['NODIS'], '(S) T', ['1. (S//NODIS) One.', '2. (C) Two.'])).toEqual([])
    expect(above('UNCLAS ZANZIBAR 000001', [], 'T', ['(C) A lone portion above its class line.'])).toHaveLength(1)
  })
})

describe('REL TO with NOFORN in an archived text fails closed', () => {
  it.each([
    ['a numbered paragraph', 'S E C R E T ZANZIBAR 000001', [], '(S) TEST', ['1. (S) One.', '2. (S//NF/REL TO GBR) Two.'], 'SECRET'],
    ['the subject', 'C O N F I D E N T I A L ZANZIBAR 000001', [], '(C//REL TO USA, GBR//NF) TEST', ['1. (C) One.'], 'CONFIDENTIAL'],
    ['a lone portion', 'UNCLAS ZANZIBAR 000001', [], 'TEST', ['(S/REL UK/NF) The lone portion.'], 'SECRET'],
  ])('should file a cable whose %s says REL TO and NOFORN under NOFORN, with a BAD_MARKING diagnostic at the REL TO list', (_where, classLine, captions: string[], subject, blocks, level) => {
    const text = telegram(classLine, captions, subject, blocks)
    const c = parseCable(text)
    const access = cableAccess(c)
    expect(access).toEqual({ level: LEVEL_RANK[level as Level], caveats: ['NOFORN'], classification: `${level}//NOFORN` })
    const d = c.diagnostics.find((x) => x.code === 'BAD_MARKING')
    expect(d?.message).toMatch(/contradicts itself: REL TO and NOFORN contradict.*filed under the stricter reading .*NOFORN/)
    // the span covers the REL TO list as written
    expect(text.slice(d!.span.start.offset, d!.span.end.offset)).toMatch(/^REL\b/i)
  })
})

describe('a 1970s extent statement in paragraph 1', () => {
  it.each(['(S - ENTIRE TEXT.)', '(S-ENTIRE TEXT.)', '(S - PARAS 1 AND 2)', '(S - ENTIRE TEXT EXCEPT PARA 3)'])('should file a SECRET cable whose paragraph 1 says %s as SECRET, not as a marking nobody can read', (mark) => {
    const c = parseCable(telegram('S E C R E T ZANZIBAR 000001', [], '', [`1. ${mark} The minister spoke.`, '2. (U) The talks go on.', '3. (C) Closing.']))
    expect(c.paragraphs[0].marking).toBe(mark.slice(1, -1))
    expect(c.diagnostics.map((d) => d.code)).not.toContain('BAD_MARKING')
    expect(cableAccess(c)).toEqual({ level: LEVEL_RANK.SECRET, caveats: [], classification: 'SECRET' })
  })
})

describe('caveats written with blanks inside (splitCaveat)', () => {
  it.each([
    ['S//NO FORN', ['NOFORN']],
    ['C//EX DIS', ['EXDIS']],
    ['S//N O F O R N', ['NOFORN']],
    ['TS//NO DIS', ['NODIS']],
    ['S//NO FORN/ORCON', ['NOFORN', 'ORCON']],
    // far into the mark: the run of words is counted from where it starts, not from the mark's start
    ['S//ORCON/NODIS/NO FORN', ['ORCON', 'NODIS', 'NOFORN']],
    // a caveat word of four letters; SPECAT alone, not the first word of SPECAT EXCLUSIVE
    ['C//EF TO', ['EFTO']],
    ['S//SPE CAT', ['SPECAT']],
  ])('should read %s with caveats %j', (mark, caveats) => {
    expect(read(mark).caveats).toEqual(caveats)
  })

  it('should read a caveat written twice, once with a blank, once', () => {
    expect(read('S//NF/NO FORN').caveats).toEqual(['NOFORN'])
    expect(read('S//NO FORN/NOFORN').caveats).toEqual(['NOFORN'])
  })

  it('should join no run shorter than four letters (NF, a country code, stays what it is)', () => {
    expect(parseMarking('S//N F').ok).toBe(false)
    expect(parseMarking('S//NO').ok).toBe(false)
  })

  it('should end a REL TO list at a split caveat and refuse NOFORN with REL TO, reading it as NOFORN', () => {
    const r = parseMarking('S//REL TO GBR NO FORN')
    expect(r.ok).toBe(false)
    expect(r.ok ? null : r.failClosed?.caveats).toEqual(['NOFORN'])
  })
})
