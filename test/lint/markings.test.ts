import { describe, expect, it } from 'vitest'
import { BASE_CABLE, mutate } from '../../src/lint/examples/base-cable.js'
import { formatSpan } from '../../src/lint/format-span.js'
import { lintText } from '../../src/lint/index.js'
import { buildContext } from '../../src/lint/context.js'
import { txt007 } from '../../src/lint/rules/txt-eo.js'
import { cableAccess } from '../../src/archive/cable-access.js'
import { LEVEL_RANK } from '../../src/format/classification.js'
import { parseCable } from '../../src/format/parse.js'

/** The findings of one rule on the base cable (CONFIDENTIAL, SIPDIS) after edits, as `rule line:col-line:col`. */
function found(rule: string, edits: Array<[string, string]>, mode: 'archive' | 'compose' = 'compose'): string[] {
  return lintText(mutate(edits), { mode }).filter((m) => m.ruleId === rule).map((m) => `${formatSpan(m.span)} ${m.severity}`)
}

describe('TXT-017: the overall level is at least every portion mark, the subject’s included', () => {
  it.each([
    ['(S) DEMARCHE', '19:10-19:13'],
    ['(TS) DEMARCHE', '19:10-19:14'],
    ['(S//NF) DEMARCHE', '19:10-19:17'],
    ['(SECRET) DEMARCHE', '19:10-19:18'],
  ])('should report a subject marked %s above the CONFIDENTIAL class line', (subject, span) => {
    expect(found('TXT-017', [['(C) DEMARCHE', subject]])).toEqual([`${span} error`])
  })

  it.each([['(SECRET)'], ['(TOP SECRET)'], ['(SECRET//NOFORN)'], ['(S NF)']])('should report a paragraph marked %s', (mark) => {
    expect(found('TXT-017', [['¶2. (U) Background.', `¶2. ${mark} Background.`]])).toHaveLength(1)
  })

  it('should report an unnumbered marked block above the class line', () => {
    expect(found('TXT-017', [['¶2. (U) Background.', '¶2. (U) Background.\n\n(S) An unnumbered block.']])).toHaveLength(1)
  })

  it.each([['A. (TS) Item.'], ['B. (S) Item.'], ['(2) (S//NF) Item.'], ['- (S) Item.'], ['-- (TS) Item.'], ['* (S) Item.']])('should report a sub-item %s above the class line, in both modes', (item) => {
    const edits: Array<[string, string]> = [['¶2. (U) Background.', `¶2. (U) Background.\n${item}`]]
    expect(found('TXT-017', edits)).toHaveLength(1)
    expect(found('TXT-017', edits, 'archive')).toHaveLength(1)
    expect(found('TXT-017', [['¶2. (U) Background.', `¶2. (U) Background.\n${item.replace(/\((?:TS|S)/, '(C')}`]])).toEqual([])
  })

  it('should pass marks at or under the class line, in both modes', () => {
    expect(found('TXT-017', [['(C) DEMARCHE', '(U) DEMARCHE']])).toEqual([])
    expect(found('TXT-017', [['¶2. (U) Background.', '¶2. (CONFIDENTIAL) Background.']], 'archive')).toEqual([])
  })
})

describe('TXT-018: every caveat of a portion is a caption', () => {
  it.each([
    ['(C//NODIS)', 'NODIS'], ['(C//EXDIS)', 'EXDIS'], ['(C//ORCON)', 'ORCON'], ['(C/NF)', 'NOFORN'], ['(CONFIDENTIAL//NOFORN)', 'NOFORN'], ['(C//LIMDIS)', 'LIMDIS'],
  ])('should report a %s portion without the %s caption and pass with it', (mark, caption) => {
    expect(found('TXT-018', [['¶3. (C) Please', `¶3. ${mark} Please`]])).toHaveLength(1)
    expect(found('TXT-018', [['¶3. (C) Please', `¶3. ${mark} Please`], ['\nSIPDIS\n', `\n${caption}\n`]])).toEqual([])
  })

  it('should report a caveat on the subject mark', () => {
    expect(found('TXT-018', [['(C) DEMARCHE', '(C//NODIS) DEMARCHE']])).toEqual(['19:10-19:20 error'])
  })

  it('should report each missing caveat once', () => {
    expect(found('TXT-018', [['(C) DEMARCHE', '(C//NF) DEMARCHE'], ['¶3. (C) Please', '¶3. (C//NF/ORCON) Please']])).toHaveLength(2)
  })
})

describe('TXT-029: marks the marking parser reads', () => {
  it.each(['(C//NOFRON)', '(TS/SCI)', '(S//TS)', '(NF)', '(S/NF/REL GBR)', '(C//REL TO)'])('should refuse the mark %s in compose and archive mode', (mark) => {
    expect(found('TXT-029', [['¶3. (C) Please', `¶3. ${mark} Please`]])).toHaveLength(1)
    expect(found('TXT-029', [['¶3. (C) Please', `¶3. ${mark} Please`]], 'archive')).toHaveLength(1)
  })

  it.each(['(C//NF/REL TO GBR)', '(C//REL TO USA, GBR//NOFORN)', '(CONFIDENTIAL//NOFORN//REL TO GBR)', '(C/REL UK/NF)'])(
    'should refuse REL TO with NOFORN in %s, and still count its NOFORN for the caption rule',
    (mark) => {
      for (const mode of ['compose', 'archive'] as const) {
        const messages = lintText(mutate([['¶3. (C) Please', `¶3. ${mark} Please`]]), { mode })
        expect(messages.filter((m) => m.ruleId === 'TXT-029').map((m) => m.message)).toEqual([expect.stringMatching(/REL TO and NOFORN contradict/)])
        // the stricter reading is what the cable demands: NOFORN without its caption
        expect(messages.filter((m) => m.ruleId === 'TXT-018').map((m) => m.message).join()).toContain('NOFORN')
      }
      expect(found('TXT-018', [['¶3. (C) Please', `¶3. ${mark} Please`], ['\nSIPDIS\n', '\nNOFORN\n']])).toEqual([])
    },
  )

  it.each(['(C//REL TO USA, GBR)', '(C - ENTIRE TEXT)', '(U//FOUO)', '(c)'])('should accept %s', (mark) => {
    expect(found('TXT-029', [['¶3. (C) Please', `¶3. ${mark} Please`]])).toEqual([])
  })

  it('should refuse an unreadable subject mark', () => {
    expect(found('TXT-029', [['(C) DEMARCHE', '(C//XX) DEMARCHE']])).toEqual(['19:10-19:17 error'])
  })

  it('should report nothing on the base cable', () => {
    expect(lintText(BASE_CABLE, { mode: 'compose' }).filter((m) => m.ruleId === 'TXT-029')).toEqual([])
  })
})

describe('the lint context level of a classification stated outside a class line fails closed', () => {
  // the base cable without its class line: its level comes from the publisher classification alone
  const text = mutate([]).split('\n').filter((l) => !/^\s*C O N F I D E N T I A L\b|^\s*CONFIDENTIAL\s+\w+\s+\d+/.test(l)).join('\n')
  const withClassification = (classification: string) => ({ ...parseCable(text), classification })

  it.each([
    ['a self-contradicting marking at its stricter reading (NOFORN)', 'SECRET//NOFORN//REL TO GBR', 'SECRET'],
    ['an unreadable marking at TOP SECRET', 'SECERT//NOFORN', 'TOP SECRET'],
    ['a caveat-only marking at TOP SECRET', 'NOFORN', 'TOP SECRET'],
    ['a coherent marking at its level', 'CONFIDENTIAL//NOFORN', 'CONFIDENTIAL'],
  ])('reads %s', (_name, classification, level) => {
    const cable = withClassification(classification)
    expect(buildContext(cable, text, 'archive', {}).level).toBe(level)
    // the same level the archive files it under (archive/cable-access.ts)
    expect(cableAccess(cable).level).toBe(LEVEL_RANK[level as keyof typeof LEVEL_RANK])
  })

  it('applies the rules of a classified cable to a self-contradicting one', () => {
    const eoText = text.replace('E.O. 12958: DECL: 02/13/2019', 'E.O. 12958: N/A')
    const cable = { ...parseCable(eoText), classification: 'SECRET//NOFORN//REL TO GBR' }
    const found: string[] = []
    txt007.check(cable, (f) => found.push(f.message), buildContext(cable, eoText, 'archive', {}))
    expect(found).toEqual(['SECRET cable without a declassification date or exemption'])
  })
})
