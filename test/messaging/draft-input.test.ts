import { describe, expect, it } from 'vitest'
import { draftFromObject, draftFromText } from '../../src/messaging/draft-input.js'
import { draftFromTelegram } from '../../src/messaging/draft-from-telegram.js'
import { ServiceError } from '../../src/messaging/service-error.js'

const base = {
  precedence: 'ROUTINE',
  to: ['AMEMBASSY DUSHANBE'],
  classification: 'CONFIDENTIAL',
  captions: ['SIPDIS'],
  eo: { order: '13526', declassify: '2036/01/01' },
  tags: ['PREL', 'TI'],
  subject: { marking: 'C', text: 'A SUBJECT' },
  classifiedBy: 'Dana Drafter, Director, for reasons 1.4(b)',
  body: [{ marking: 'C', text: 'One.' }, { marking: 'U', text: 'Two.' }],
  clearers: ['carl'],
}

/** The problems a draft is refused with (each `path: what`). */
function problems(input: unknown): string[] {
  try {
    draftFromObject(input)
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'INVALID') return error.details
    throw error
  }
  throw new Error('draft accepted')
}

describe('unknown fields are errors with the path and a did-you-mean', () => {
  it.each([
    [{ clearer: ['carl'] }, 'clearer: unknown field (did you mean clearers?)'],
    [{ captionz: ['SIPDIS'] }, 'captionz: unknown field (did you mean captions?)'],
    [{ subject: { marking: 'C', txt: 'X' } }, 'subject.txt: unknown field (did you mean text?)'],
    [{ eo: { order: '13526', declasify: 'X1' } }, 'eo.declasify: unknown field (did you mean declassify?)'],
    [{ to: [{ name: 'AMEMBASSY DUSHANBE', precedense: 'FLASH' }] }, 'to[0].precedense: unknown field (did you mean precedence?)'],
    [{ body: [{ marking: 'C', text: 'One.', mark: 'S' }] }, 'body[0].mark: unknown field (did you mean marking?)'],
    [{ body: [{ lines: ['a'], text: 'x' }] }, 'body[0].text: unknown field'],
    [{ zzz: 1 }, 'zzz: unknown field;'],
  ])('%j', (extra, message) => {
    expect(problems({ ...base, ...extra }).join('\n')).toContain(message)
  })
})

describe('unknown captions', () => {
  it.each([
    [['NOFRON'], 'captions[0]: unknown caption "NOFRON" (did you mean NOFORN?)'],
    [['SIPDIS', 'EXDSI'], 'captions[1]: unknown caption "EXDSI" (did you mean EXDIS?)'],
    [['SECRETISH'], 'captions[0]: unknown caption "SECRETISH"'],
    ['SIPDIS, NODSI', 'captions: unknown caption "NODSI" (did you mean NODIS?)'],
  ])('%j', (captions, message) => {
    expect(problems({ ...base, captions }).join('\n')).toContain(message)
  })

  it('should accept known captions in any case and the spelled-out SBU caption', () => {
    expect(draftFromObject({ ...base, captions: ['sipdis', 'Sensitive But Unclassified', 'SPECAT EXCLUSIVE'] }).fields.captions).toEqual(['SIPDIS', 'SENSITIVE', 'SPECAT EXCLUSIVE'])
  })
})

describe('wrong types are errors, not defaults', () => {
  it.each([
    [{ to: 'AMEMBASSY DUSHANBE' }, 'to: must be a list of addressees, not a string'],
    [{ clearers: 5 }, 'clearers: must be a list, not a number'],
    [{ clearers: { name: 'carl' } }, 'clearers: must be a list, not a mapping'],
    [{ subject: ['A'] }, 'subject: must be a string, not a list'],
    [{ body: 'One.' }, 'body: must be a list of paragraphs, not a string'],
    [{ body: [{ marking: 'C', text: 7 }] }, 'body[0].text: must be a string, not a number'],
    [{ classification: 3 }, 'classification: must be a string, not a number'],
    [{ eo: 'N/A' }, 'eo: must be a mapping'],
    [{ references: 'STATE 12' }, 'references: must be a list, not a string'],
    [{ precedence: true }, 'precedence: must be a string, not a boolean'],
    [{ tags: [1, 'PREL'] }, 'tags[0]: must be a string, not a number'],
  ])('%j', (extra, message) => {
    expect(problems({ ...base, ...extra }).join('\n')).toContain(message)
  })

  it('should still accept a numeric E.O. order and space-separated tags and clearers', () => {
    const d = draftFromObject({ ...base, eo: { order: 13526, declassify: '2036/01/01' }, tags: 'PREL TI', clearers: 'carl, cleo' })
    expect(d.fields.eo.order).toBe('13526')
    expect(d.fields.tags).toEqual(['PREL', 'TI'])
    expect(d.clearers).toEqual(['carl', 'cleo'])
  })
})

describe('control characters and line breaks', () => {
  it.each([
    [{ subject: { marking: 'C', text: 'A\nREF: STATE 1' } }, 'subject.text: must be one line'],
    [{ to: ['AMEMBASSY DUSHANBE\nTO AMEMBASSY KABUL'] }, 'to[0]: must be one line'],
    [{ info: [{ name: 'X', xmt: ['A\rB'] }] }, 'info[0].xmt[0]: control character U+000D'],
    [{ references: ['STATE 12\nB. STATE 13'] }, 'references[0]: must be one line'],
    [{ subject: { marking: 'C', text: 'A \u001b[2J SUBJECT' } }, 'subject.text: control character U+001B ESCAPE at line 1, column 3'],
    [{ body: [{ marking: 'C', text: 'One\u0007 bell.' }] }, 'body[0].text: control character U+0007'],
    [{ body: [{ marking: 'C', text: 'C1 \u009b31m' }] }, 'body[0].text: control character U+009B'],
    [{ signature: ['DOE\u0000'] }, 'signature[0]: control character U+0000'],
    [{ captions: ['SIPDIS\u007f'] }, 'captions[0]: control character U+007F'],
    [{ classifiedBy: 'Dana\nS E C R E T STATE 000001' }, 'classifiedBy: must be one line'],
    [{ subject: { marking: 'C', text: 'A\r\n\r\nUNCLAS STATE 000009' } }, 'subject.text: must be one line'],
    [{ subject: 'A\u2028SUBJECT: (U) FAKE' }, 'subject: invisible format character U+2028 LINE SEPARATOR'],
    [{ subject: 'A\u0085REF: STATE 9' }, 'subject: control character U+0085 NEXT LINE'],
    [{ to: ['AMEMBASSY DUSHANBE\r\nUNCLAS STATE 000009'] }, 'to[0]: must be one line'],
    [{ to: [{ name: 'AMEMBASSY DUSHANBE\u2029INFO AMEMBASSY KABUL' }] }, 'to[0].name: invisible format character U+2029 PARAGRAPH SEPARATOR'],
    [{ references: ['STATE 12\r\n2. (U) FAKE'] }, 'references[0]: must be one line'],
    [{ references: ['STATE 12\u2028REF: STATE 99'] }, 'references[0]: invisible format character U+2028'],
  ])('%j', (extra, message) => {
    expect(problems({ ...base, ...extra }).join('\n')).toContain(message)
  })

  it('should keep tabs and newlines in paragraph text', () => {
    expect(draftFromObject({ ...base, body: [{ marking: 'C', text: 'One\tpart.\nSecond block.' }, { marking: 'U', text: 'Two.' }] }).fields.body[0]).toEqual({ marking: 'C', text: 'One\tpart.\nSecond block.' })
  })

  it('should refuse a control character in a draft file with its line and column', () => {
    expect(() => draftFromText('to: [AMEMBASSY DUSHANBE]\nsubject: "x"\u001b[31m\n', 'd.yaml')).toThrow(/d\.yaml: line 2, column 13: control character U\+001B/)
  })

  it('should refuse a control character in a telegram draft', () => {
    const text = ['FM AMEMBASSY ZANZIBAR', 'TO SECSTATE WASHDC', '', 'UNCLAS ZANZIBAR 000001', '', 'TAGS: PREL', 'SUBJECT: A \u001b]0;pwned\u0007 SUBJECT', '', 'Text.', ''].join('\n')
    expect(() => draftFromTelegram(text, ['carl'])).toThrow(/line 7, column 12: control character U\+001B/)
  })
})

describe('markings in drafts go through the one marking parser', () => {
  it.each([
    [{ body: [{ marking: 'C//NOFRON', text: 'x' }] }, 'body[0].marking: unknown marking word "NOFRON" (did you mean NOFORN?) (column 4'],
    [{ body: [{ marking: 'NF', text: 'x' }] }, 'body[0].marking: portion mark "NF" names no level'],
    [{ subject: { marking: 'TS/SCI', text: 'X' } }, 'subject.marking: unknown marking word "SCI"'],
    [{ classification: 'SECRETT' }, 'classification: unknown marking word "SECRETT" (did you mean SECRET?)'],
    [{ classification: 'NOFORN' }, 'classification: names no level'],
    [{ body: [{ marking: 'S/NF/REL GBR', text: 'x' }] }, 'body[0].marking: REL TO and NOFORN contradict each other on one marking (spec §7 rule 4) (column 6 of "S/NF/REL GBR")'],
    [{ body: [{ marking: 'C//REL TO USA, GBR//NF', text: 'x' }] }, 'body[0].marking: REL TO and NOFORN contradict each other on one marking (spec §7 rule 4) (column 4'],
    [{ body: [{ marking: 'C', text: 'x' }, '(C//NOFORN//REL TO GBR) y'] }, 'body[1]: REL TO and NOFORN contradict each other on one marking (spec §7 rule 4) (column 12'],
    [{ subject: { marking: 'C/REL TO GBR/NF', text: 'X' } }, 'subject.marking: REL TO and NOFORN contradict'],
    [{ subject: '(C/NF/REL TO GBR) X' }, 'subject: REL TO and NOFORN contradict'],
    [{ classification: 'SECRET//NOFORN//REL TO GBR' }, 'classification: REL TO and NOFORN contradict each other on one marking (spec §7 rule 4) (column 17)'],
  ])('%j', (extra, message) => {
    expect(problems({ ...base, ...extra }).join('\n')).toContain(message)
  })

  it.each([
    ['UNCLASSIFIED', 'S//NF', ['above the classification UNCLASSIFIED', 'names NOFORN: add NOFORN to captions']],
    ['UNCLASSIFIED', 'SECRET', ['above the classification UNCLASSIFIED']],
    ['CONFIDENTIAL', 'TOP SECRET', ['above the classification CONFIDENTIAL']],
    ['SECRET', 'TS', ['above the classification SECRET']],
    ['SECRET', 'S//NODIS', ['names NODIS: add NODIS to captions']],
    ['CONFIDENTIAL', 'C//EXDIS', ['names EXDIS']],
    ['SECRET', 'S//ORCON', ['names ORCON']],
  ])('a %s draft with a (%s) paragraph is refused', (classification, mark, messages) => {
    const found = problems({ ...base, classification, body: [{ marking: 'U', text: 'One.' }, { marking: mark, text: 'Two.' }] }).join('\n')
    for (const m of messages) expect(found).toContain(`body[1].marking: `)
    for (const m of messages) expect(found).toContain(m)
  })

  it('should refuse a subject marked above the classification', () => {
    expect(problems({ ...base, subject: { marking: 'S//NF', text: 'X' } }).join('\n')).toContain('subject.marking: portion mark (S//NF) is above the classification CONFIDENTIAL')
  })

  it('should take a mark leading a paragraph or subject text as its marking, and refuse it given twice', () => {
    expect(problems({ ...base, body: ['(S//NF) Hidden in the text.'] }).join('\n')).toContain('body[0]: portion mark (S//NF) is above the classification CONFIDENTIAL')
    expect(problems({ ...base, subject: '(TS) HIDDEN' }).join('\n')).toContain('subject: portion mark (TS) is above')
    expect(problems({ ...base, body: [{ marking: 'C', text: '(S) Second mark.' }] }).join('\n')).toContain('body[0].text: starts with a portion mark (S) although marking is given')
    expect(problems({ ...base, body: [{ lines: ['(S) a marked line'] }] }).join('\n')).toContain('body[0].lines[0]: starts with a portion mark (S)')
    const d = draftFromObject({ ...base, body: ['(C) One.', '(U) Two.'] })
    expect(d.fields.body).toEqual([{ marking: 'C', text: 'One.' }, { marking: 'U', text: 'Two.' }])
  })

  it('should accept a classification with caveats and carry them as captions', () => {
    const d = draftFromObject({ ...base, classification: 'SECRET//NOFORN', body: [{ marking: 'S//NF', text: 'One.' }, { marking: 'C', text: 'Two.' }] })
    expect(d.fields.classification).toBe('SECRET')
    expect(d.fields.captions).toEqual(['SIPDIS', 'NOFORN'])
  })

  it('should accept marks written in any accepted form', () => {
    const d = draftFromObject({ ...base, captions: ['NODIS'], body: [{ marking: '(c//nodis)', text: 'One.' }, { marking: 'CONFIDENTIAL', text: 'Two.' }] })
    expect(d.fields.body.map((b) => ('marking' in b ? b.marking : null))).toEqual(['C//NODIS', 'CONFIDENTIAL'])
  })
})

describe('draft files name the line and column of each problem', () => {
  it('should place unknown fields, captions and marks', () => {
    const yaml = [
      'to: [AMEMBASSY DUSHANBE]',
      'classification: CONFIDENTIAL',
      'captions: [NOFRON]',
      'subject: { marking: C, text: A SUBJECT }',
      'clearer: [carl]',
      'body:',
      '  - { marking: "C//NOFRON", text: One. }',
      '',
    ].join('\n')
    let details: string[] = []
    try {
      draftFromText(yaml, 'd.yaml')
    } catch (error) {
      details = (error as ServiceError).details
    }
    expect(details).toEqual(expect.arrayContaining([
      expect.stringMatching(/^d\.yaml:5:1: clearer: unknown field \(did you mean clearers\?\)/),
      expect.stringMatching(/^d\.yaml:3:12: captions\[0\]: unknown caption "NOFRON"/),
      expect.stringMatching(/^d\.yaml:7:7: body\[0\]\.marking: unknown marking word "NOFRON"/),
    ]))
  })

  it('should place YAML syntax errors', () => {
    expect(() => draftFromText('to: [\n', 'd.yaml')).toThrow(/d\.yaml: line \d+, column \d+: not valid YAML\/JSON/)
  })

  it('should read JSON drafts', () => {
    expect(draftFromText(JSON.stringify(base), 'd.json').clearers).toEqual(['carl'])
  })
})

describe('paragraph text stays paragraph text', () => {
  const para = (text: string, at = 1) => ({ ...base, body: base.body.map((b, i) => (i === at ? { ...b, text } : b)) })
  it.each([
    ['a paragraph break', 'One.\n\nTwo.', 'body[1].text: line 2, column 1 of the text is blank'],
    ['a fake class line', 'One.\n\nUNCLAS STATE 000009\n\nSUBJECT: (U) FAKE', 'line 3, column 1 of the text would be read as a classification line'],
    ['a fake spaced class line', 'One.\nS E C R E T STATE 000009', 'line 2, column 1 of the text would be read as a classification line'],
    ['a fake SUBJECT line', 'One.\nSUBJECT: (U) FAKE', 'line 2, column 1 of the text would be read as a SUBJECT line'],
    ['a fake REF line', 'One.\nREF: STATE 99', 'would be read as a REF line'],
    ['a fake TAGS line', 'One.\nTAGS: PREL', 'would be read as a TAGS line'],
    ['a fake E.O. line', 'One.\nE.O. 13526: N/A', 'would be read as an E.O. line'],
    ['a fake caption', 'One.\nNOFORN', 'would be read as a caption line'],
    ['a fake numbered paragraph', 'One.\n2. (U) Nothing here.', 'would be read as the start of numbered paragraph 2'],
    ['a fake numbered paragraph with a pilcrow', 'One.\n¶3. Nothing here.', 'would be read as the start of numbered paragraph 3'],
    ['a fake portion mark line', 'One.\n(U) Nothing here.', 'would be read as a portion mark (U)'],
    ['a fake end-of-text marker', 'One.\nNNNN', 'would be read as an end-of-text marker'],
    ['a fake page header', 'One.\nSTATE 00000009 002 OF 002', 'would be read as a page header'],
    ['a CRLF paragraph break', 'One.\r\n\r\nTwo.', 'line 2, column 1 of the text is blank'],
    ['a CRLF fake class line', 'One.\r\nUNCLAS STATE 000009', 'line 2, column 1 of the text would be read as a classification line'],
  ])('should refuse %s inside one paragraph', (_name, text, message) => {
    const found = problems(para(text))
    expect(found.join('\n')).toContain(message)
    expect(found.every((p) => p.startsWith('body[1].text: '))).toBe(true)
  })

  it('should refuse such lines in a paragraph given as a string, in literal lines and in the signature', () => {
    expect(problems({ ...base, body: ['(C) One.\nUNCLAS STATE 000009'] }).join('\n')).toContain('body[0]: line 2, column 1 of the text would be read as a classification line')
    expect(problems({ ...base, body: [...base.body, { lines: ['Heading', 'SUBJECT: FAKE'] }] }).join('\n')).toContain('body[2].lines[1]: would be read as a SUBJECT line')
    expect(problems({ ...base, signature: ['POMPEO', 'UNCLAS STATE 000009'] }).join('\n')).toContain('signature[1]: would be read as a classification line')
  })

  it('should place the refusal in a draft file by line and column', () => {
    const yaml = 'to: [AMEMBASSY DUSHANBE]\nsubject: A SUBJECT\nclearers: [carl]\nbody:\n  - text: |\n      One.\n      UNCLAS STATE 000009\n'
    expect(() => draftFromText(yaml, 'd.yaml')).toThrow(/d\.yaml:5:5: body\[0\]\.text: line 2, column 1 of the text would be read as a classification line/)
  })

  it('should keep prose that only resembles a keyword, and wrapped lines', () => {
    const text = 'Subject to approval, the talks resume.\nTags on luggage are checked.\nRef A reported this.\n2026 was a year of change.\nSECRET talks were held (unofficially).'
    expect(draftFromObject(para(text)).fields.body[1]).toEqual({ marking: 'U', text })
  })
})

describe('invisible format characters', () => {
  it.each([
    ['\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['\u202a', 'U+202A LEFT-TO-RIGHT EMBEDDING'],
    ['\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
    ['\u2069', 'U+2069 POP DIRECTIONAL ISOLATE'],
    ['\u200b', 'U+200B ZERO WIDTH SPACE'],
    ['\u200f', 'U+200F RIGHT-TO-LEFT MARK'],
    ['\u2028', 'U+2028 LINE SEPARATOR'],
    ['\u2029', 'U+2029 PARAGRAPH SEPARATOR'],
    ['\ufeff', 'U+FEFF ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)'],
    ['\u0085', 'U+0085 NEXT LINE'],
    ['\u0090', 'U+0090 C1 CONTROL'],
    // the general rule: every format character (Cf), every default-ignorable code point, the fillers
    ['\u{E0041}', 'U+E0041 TAG LATIN CAPITAL LETTER A'],
    ['\u{E0001}', 'U+E0001 LANGUAGE TAG'],
    ['\u{E007F}', 'U+E007F CANCEL TAG'],
    ['\u{E0000}', 'U+E0000'],
    ['\u206a', 'U+206A INHIBIT SYMMETRIC SWAPPING'],
    ['\u206f', 'U+206F NOMINAL DIGIT SHAPES'],
    ['\ufff9', 'U+FFF9 INTERLINEAR ANNOTATION ANCHOR'],
    ['\ufffb', 'U+FFFB INTERLINEAR ANNOTATION TERMINATOR'],
    ['\u034f', 'U+034F COMBINING GRAPHEME JOINER'],
    ['\u3164', 'U+3164 HANGUL FILLER'],
    ['\uffa0', 'U+FFA0 HALFWIDTH HANGUL FILLER'],
    ['\u115f', 'U+115F HANGUL CHOSEONG FILLER'],
    ['\u17b4', 'U+17B4 KHMER VOWEL INHERENT AQ'],
    ['\u2800', 'U+2800 BRAILLE PATTERN BLANK'],
    ['\ufe0f', 'U+FE0F VARIATION SELECTOR-16'],
    ['\u{E0100}', 'U+E0100 VARIATION SELECTOR-17'],
    ['\u180b', 'U+180B MONGOLIAN FREE VARIATION SELECTOR ONE'],
    ['\u2065', 'U+2065'],
    ['\u0600', 'U+0600'],
    ['\u{1D173}', 'U+1D173'],
  ])('should refuse %j in a subject, naming it and its place', (ch, name) => {
    expect(problems({ ...base, subject: { marking: 'C', text: `PLAN ${ch}TXT.EXE` } }).join('\n')).toContain(`subject.text: `)
    expect(problems({ ...base, subject: { marking: 'C', text: `PLAN ${ch}TXT.EXE` } }).join('\n')).toContain(`${name} at line 1, column 6 is not allowed`)
  })

  it.each([
    [{ to: ['AMEMBASSY\u200b DUSHANBE'] }, 'to[0]: invisible format character U+200B'],
    [{ references: ['STATE \u202e21'] }, 'references[0]: invisible format character U+202E'],
    [{ tags: ['PREL', 'T\u2060I'] }, 'tags[1]: invisible format character U+2060 WORD JOINER'],
    [{ captions: ['SIP\u200dDIS'] }, 'captions[0]: invisible format character U+200D'],
    [{ classifiedBy: 'Dana\u202d Drafter' }, 'classifiedBy: invisible format character U+202D'],
    [{ body: [{ marking: 'C', text: 'One.\nTwo \u2067three.' }] }, 'body[0].text: invisible format character U+2067 RIGHT-TO-LEFT ISOLATE at line 2, column 5'],
    [{ signature: ['POM\u00adPEO'] }, 'signature[0]: invisible format character U+00AD SOFT HYPHEN'],
    [{ clearers: ['carl\u200e'] }, 'clearers[0]: invisible format character U+200E'],
  ])('should refuse them in every field: %j', (extra, message) => {
    expect(problems({ ...base, ...extra }).join('\n')).toContain(message)
  })

  it('should keep tab, newline and visible text from every script', () => {
    const text = 'Talks in Душанбе, 杜尚别 and دوشنبه went well:\tone, two.\nA second line — with “quotes”, é and ß.'
    expect(draftFromObject({ ...base, body: [{ marking: 'C', text }] }).fields.body[0]).toEqual({ marking: 'C', text })
  })

  it('should refuse a tag character in a draft file as the code point it is, at its column', () => {
    expect(() => draftFromText('to: [AMEMBASSY DUSHANBE]\nsubject: "HELLO\u{E0041}\u{E0042} WORLD"\n', 'd.yaml')).toThrow(/d\.yaml: line 2, column 16: invisible format character U\+E0041 TAG LATIN CAPITAL LETTER A is not allowed/)
  })

  it('should refuse one in a draft file with its line and column, and accept a byte-order mark opening the file', () => {
    expect(() => draftFromText('to: [AMEMBASSY DUSHANBE]\nsubject: "PLAN \u202eTXT"\n', 'd.yaml')).toThrow(/d\.yaml: line 2, column 16: invisible format character U\+202E RIGHT-TO-LEFT OVERRIDE is not allowed/)
    expect(draftFromText('\ufeffto: [AMEMBASSY DUSHANBE]\nsubject: PLAN\nbody: [Text.]\nclearers: [carl]\n').fields.subject.text).toBe('PLAN')
  })
})
