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
    [{ subject: { marking: 'C', text: 'A \u001b[2J SUBJECT' } }, 'subject.text: control character U+001B at column 3'],
    [{ body: [{ marking: 'C', text: 'One\u0007 bell.' }] }, 'body[0].text: control character U+0007'],
    [{ body: [{ marking: 'C', text: 'C1 \u009b31m' }] }, 'body[0].text: control character U+009B'],
    [{ signature: ['DOE\u0000'] }, 'signature[0]: control character U+0000'],
    [{ captions: ['SIPDIS\u007f'] }, 'captions[0]: control character U+007F'],
    [{ classifiedBy: 'Dana\nS E C R E T STATE 000001' }, 'classifiedBy: must be one line'],
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
    [{ body: [{ marking: 'S/NF/REL GBR', text: 'x' }] }, 'REL TO and NOFORN contradict'],
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
