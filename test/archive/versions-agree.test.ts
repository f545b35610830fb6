/**
 * Which portions of a cable with several texts a reader below it reads in part (`storedPortions` with `versions`, the
 * rule `versionAgreement` in src/archive/redact.ts; docs/research.md, "Versions"): the shown text's portions of every
 * demand whose rendering is the same in every version, none when the versions differ in what every reader in part
 * sees (header, structure, marks, shown fields). In process, no
 * store: test/research/portion-access-versions.test.ts checks the same rule through search and show on both engines.
 * Synthetic cables of the invented post QUORIN.
 */
import { describe, expect, it } from 'vitest'
import { redactText, storedPortions, versionAgreement, VERSIONS_DIFFER } from '../../src/archive/redact.js'
import { parseCable } from '../../src/format/parse.js'
import type { PortionRecord } from '../../src/store/store.js'

/** A SECRET cable: an optional (U) paragraph, a (C) paragraph `open`, an (S) one ending `secretEnd`. */
const cable = (secretEnd: string, open = 'Alphacanary the talks resumed on schedule.', o: { tags?: string; unclassified?: string } = {}) => `P 101200Z APR 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0004

S E C R E T QUORIN 000101

SIPDIS

E.O. 12958: DECL: 04/10/2018
TAGS: ${o.tags ?? 'PREL XX'}
SUBJECT: (C) BUDGET TALKS

Classified By: Ambassador Ada Quill for reasons 1.4 (b) and (d).
${o.unclassified === undefined ? '' : `\n1. (U) ${o.unclassified}\n`}
2. (C) ${open}

3. (S) Betacanary the minister privately admitted the budget would ${secretEnd}

QUILL
`

const SECRET = { level: 3, caveats: [] as string[] }

/** The portions stored for the cable `text` with its other texts `versions`. */
const portions = (text: string, versions?: string[], filed = SECRET, key = '08QUORIN101'): PortionRecord[] =>
  storedPortions({ key, ...filed, text, ...(versions ? { versions } : {}) })

/** The numbered paragraphs among the body portions, with their level, as a reader below the cable is given them. */
const body = (ps: PortionRecord[]) => ps.filter((p) => p.kind === 'body' && /^\d\. \(/.test(p.text)).map((p) => [p.level, p.text.trim()])

describe('storedPortions of a cable with one text', () => {
  it('should give the (C) paragraph at CONFIDENTIAL and not the (S) one, which only a reader of the whole cable reads', () => {
    expect(body(portions(cable('fail.')))).toEqual([[2, '2. (C) Alphacanary the talks resumed on schedule.']])
  })

  it('should give no portion of a cable keyed by the hash of its text, versions or not', () => {
    expect(portions(cable('fail.'), undefined, SECRET, `sha256:${'0'.repeat(64)}`)).toEqual([])
    expect(portions(cable('fail.'), [cable('fail.')], SECRET, `sha256:${'0'.repeat(64)}`)).toEqual([])
  })
})

describe('storedPortions of a cable with several texts: read in part', () => {
  it.each([
    ['differ only inside the (S) paragraph withheld from a CONFIDENTIAL reader', cable('fail.'), cable('fail badly.')],
    ['are the same text', cable('fail.'), cable('fail.')],
    ['differ only inside the (S) paragraph, with a (U) paragraph too', cable('fail.', undefined, { unclassified: 'Gammacanary the weather was fine.' }), cable('fail badly.', undefined, { unclassified: 'Gammacanary the weather was fine.' })],
  ])('should give the shown text\'s portions when the versions %s', (_why, shown, other) => {
    const alone = portions(shown)
    expect(body(alone)).toContainEqual([2, expect.stringMatching(/^2\. \(C\) Alphacanary/)])
    expect(portions(shown, [other])).toEqual(alone)
  })

})

/**
 * A demand whose rendering differs between the versions is not stored (QA 14r7 F3): which version is shown is
 * chosen over the whole texts, so a portion he may read that differs would show him the choice; and whether a
 * reader keeps his portions must not turn on a withheld paragraph (it used to: a version changing only his (C)
 * paragraph kept them, one changing the (S) paragraph too lost them).
 */
describe('storedPortions of a cable with several texts: a demand the versions render differently', () => {
  const U = 'Gammacanary the weather was fine.'
  it.each([
    ['the (C) paragraph', cable('fail.'), cable('fail.', 'Alphacanary the talks resumed late.')],
    ['the (C) paragraph and the (S) one', cable('fail.'), cable('fail badly.', 'Alphacanary the talks resumed late.')],
    ['the (C) subject', cable('fail.'), cable('fail.').replace('SUBJECT: (C) BUDGET TALKS', 'SUBJECT: (C) BUDGET TALKS RESUMED')],
    ['a (U) paragraph, which the CONFIDENTIAL reader reads too', cable('fail.', undefined, { unclassified: U }), cable('fail.', undefined, { unclassified: 'Gammacanary the weather was poor.' })],
    ['a (U) paragraph and the (S) one', cable('fail.', undefined, { unclassified: U }), cable('fail badly.', undefined, { unclassified: 'Gammacanary the weather was poor.' })],
    ['a restored name in the (C) paragraph (the docs\' example)', cable('fail.', 'Deputy Zorbek Talliv told poloff the cabinet would fall.'), cable('fail.', 'XXXXXXXXXXXX told poloff the cabinet would fall.')],
  ])('should store no portion of that demand, or of any demand reading it, when the versions differ in %s', (_why, shown, other) => {
    expect(portions(shown).length).toBeGreaterThan(0)
    expect(portions(shown, [other])).toEqual([])
  })

  it.each([
    ['only in the (C) paragraph', 'fail.'],
    ['in the (C) paragraph and the (S) one', 'fail badly.'],
  ])('should keep the (U) portions, with the header every reader in part sees, when the versions differ %s', (_why, secretEnd) => {
    const shown = cable('fail.', undefined, { unclassified: U })
    const kept = portions(shown, [cable(secretEnd, 'Alphacanary the talks resumed late.', { unclassified: U })])
    expect(body(kept)).toEqual([[0, `1. (U) ${U}`]])
    expect(kept.every((p) => p.level === 0)).toBe(true)
    expect(kept.some((p) => p.kind === 'body' && p.text.includes('FM AMEMBASSY QUORIN'))).toBe(true)
    expect(kept).toEqual(portions(shown).filter((p) => p.level === 0))
    // and the CONFIDENTIAL reader's rendering withholds his paragraph, saying why, whichever version differs
    const readable = versionAgreement(SECRET, shown, parseCable(shown, { plain: true }), [cable(secretEnd, 'Alphacanary the talks resumed late.', { unclassified: U })])
    const r = redactText(shown, { level: 2, caveats: [] }, SECRET, readable)
    expect(r.text).toContain(`2. (C) [Paragraph 2 withheld: marked CONFIDENTIAL, ${VERSIONS_DIFFER}]`)
    expect(r.text).toContain(`1. (U) ${U}`)
    expect(r.text).not.toMatch(/Alphacanary|Betacanary/)
  })

  it('should read in part a cable whose portions demand all eight restrictive caveats when its versions differ only in the (S) paragraph', () => {
    const all = { level: 3, caveats: ['NOFORN', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'ORCON', 'CHEROKEE', 'SPECAT'] }
    const shown = portions(cable('fail.'), [cable('fail badly.')], all)
    expect(body(shown)).toEqual([[2, '2. (C) Alphacanary the talks resumed on schedule.']])
    expect(shown.filter((p) => p.kind === 'body').map((p) => p.caveats.length)).toEqual(shown.filter((p) => p.kind === 'body').map(() => 8))
  })
})

describe('storedPortions of a cable with several texts: left to the whole-cable rule', () => {
  it.each([
    ['moves withheld text into a paragraph he may read', cable('fail.', 'Alphacanary resumed, the budget would fail.'), cable('fail.', 'Alphacanary resumed.')],
    ['shows him a word another version withholds from him', cable('fail betacanary.', 'Alphacanary betacanary resumed.'), cable('fail betacanary.', 'Alphacanary resumed.')],
    ['differs in what he may read and in what he may not', cable('fail at once.', 'Alphacanary resumed at last.'), cable('fail.', 'Alphacanary resumed.')],
    ['marks a paragraph lower', cable('fail.').replace('3. (S)', '3. (C)'), cable('fail.')],
    ['marks a paragraph higher', cable('fail.').replace('2. (C)', '2. (S)'), cable('fail.')],
    ['stores other TAGS', cable('fail.', undefined, { tags: 'PGOV XX' }), cable('fail.')],
    ['holds a paragraph the other does not', cable('fail.', undefined, { unclassified: 'Gammacanary the weather was fine.' }), cable('fail.')],
    ['marks a paragraph so that nobody can read it', cable('fail.').replace('3. (S)', '3. (S//ZZ)'), cable('fail.')],
  ])('should give no portion when a version %s', (_why, shown, other) => {
    expect(portions(shown).length).toBeGreaterThan(0)
    expect(portions(shown, [other])).toEqual([])
  })

  it('should give no portion when the other version is the one marking a paragraph lower', () => {
    expect(portions(cable('fail.'), [cable('fail.').replace('3. (S)', '3. (C)')])).toEqual([])
  })

  it('should give no portion when any of several versions disagrees', () => {
    expect(portions(cable('fail.'), [cable('fail badly.'), cable('fail at once.', 'Alphacanary resumed at last.')])).toEqual([])
    // one version the same, one with other TAGS
    expect(portions(cable('fail.'), [cable('fail.'), cable('fail.', undefined, { tags: 'PGOV XX' })])).toEqual([])
  })

  it('should judge a NOFORN cable by readers holding NOFORN: its versions differ in what such a reader may read and in what he may not', () => {
    const NOFORN = { level: 3, caveats: ['NOFORN'] }
    const shown = cable('fail.')
    expect(body(portions(shown, undefined, NOFORN))).toEqual([[2, '2. (C) Alphacanary the talks resumed on schedule.']])
    expect(portions(shown, [cable('fail badly.', 'Alphacanary the talks resumed late.')], NOFORN)).toEqual([])
    // only inside the (S) paragraph: read in part
    expect(portions(shown, [cable('fail badly.')], NOFORN)).toEqual(portions(shown, undefined, NOFORN))
  })

  it('should let a reader see a word of his paragraph that another version has only in its withheld paragraph', () => {
    // his paragraph is the same in both: which version is shown cannot matter to him
    const shown = cable('fail quorin.', 'Alphacanary Quorin talks resumed.')
    expect(portions(shown, [cable('fail badly quorin.', 'Alphacanary Quorin talks resumed.')])).toEqual(portions(shown))
    expect(body(portions(shown))).toEqual([[2, '2. (C) Alphacanary Quorin talks resumed.']])
  })

  it('should read every text as telegram text, never as the page or record it may look like', () => {
    // the stored text is what the rendering shows, markup and character references as written
    const page = `<html><body><pre>\n${cable('fail.', 'Alphacanary &amp; Quill resumed.')}</pre></body></html>\n`
    expect(body(portions(page))).toEqual([[2, '2. (C) Alphacanary &amp; Quill resumed.']])
    expect(redactText(page, { level: 2, caveats: [] }).text).toContain('2. (C) Alphacanary &amp; Quill resumed.')
    // a version that is the same cable as a page: its rendering differs outside the portions
    expect(portions(cable('fail.'), [`<html><body><pre>\n${cable('fail.')}</pre></body></html>\n`])).toEqual([])
    // two pages differing inside the (S) paragraph: read in part, as two texts would be
    const other = `<html><body><pre>\n${cable('fail badly.', 'Alphacanary &amp; Quill resumed.')}</pre></body></html>\n`
    expect(portions(page, [other])).toEqual(portions(page))
  })

  it('should let an UNCLASSIFIED reader read his (U) paragraph when the versions differ only inside an (SBU) one', () => {
    // the versions are compared first as a reader cleared for nothing reads them: one at SBU would read that paragraph
    const sbu = (end: string) => cable('fail.', `Alphacanary the talks ${end}`, { unclassified: 'Gammacanary the weather was fine.' }).replace('2. (C)', '2. (SBU)')
    const shown = sbu('resumed on schedule.')
    const readable = versionAgreement(SECRET, shown, parseCable(shown, { plain: true }), [sbu('resumed late.')])
    const r = redactText(shown, { level: 0, caveats: [] }, SECRET, readable)
    expect(r.text).toContain('1. (U) Gammacanary the weather was fine.')
    expect(r.withheld.find((w) => w.portion === 'paragraph 1')).toBeUndefined()
    expect(r.withheld.find((w) => w.portion === 'paragraph 2')).toEqual({ portion: 'paragraph 2', mark: 'SBU', reason: 'marked UNCLASSIFIED//FOR OFFICIAL USE ONLY, above UNCLASSIFIED' })
  })

  it('should read in part a cable whose versions differ only inside a paragraph nobody can read', () => {
    const unreadable = (end: string) => cable(end).replace('3. (S)', '3. (S//ZZ)')
    const alone = portions(unreadable('fail.'))
    expect(alone).toEqual(portions(unreadable('fail.'), [unreadable('fail badly.')]))
  })
})

describe('storedPortions: what the archive stores beside the text', () => {
  const text = cable('fail.')
  const kinds = (ps: PortionRecord[], kind: PortionRecord['kind']) => [...new Set(ps.filter((p) => p.kind === kind).map((p) => p.text))]

  it('should read TAGS, captions and the date off the text when none are stored', () => {
    const ps = storedPortions({ level: 3, caveats: [], text })
    expect(kinds(ps, 'tag')).toEqual(['PREL', 'XX'])
    expect(kinds(ps, 'caption')).toEqual(['SIPDIS'])
    expect(kinds(ps, 'date')).toEqual(['2008-04-10T12:00:00Z'])
    expect(kinds(ps, 'date-source')).toEqual(['{"basis":"read","precision":"minute","from":["dtg"]}'])
  })

  it('should keep only the stored TAGS and captions the rendering shows', () => {
    const ps = storedPortions({ key: '08QUORIN101', level: 3, caveats: [], text, tags: ['PREL'], captions: [] })
    expect(kinds(ps, 'tag')).toEqual(['PREL'])
    expect(kinds(ps, 'caption')).toEqual([])
  })

  it('should give the stored date and its source when the rendering shows that date', () => {
    const source = { basis: 'read' as const, precision: 'minute' as const, from: ['dtg', 'container'] }
    const ps = storedPortions({ key: '08QUORIN101', level: 3, caveats: [], text, date: '2008-04-10T12:00:00Z', dateSource: source })
    expect(kinds(ps, 'date')).toEqual(['2008-04-10T12:00:00Z'])
    expect(kinds(ps, 'date-source')).toEqual(['{"basis":"read","precision":"minute","from":["dtg","container"]}'])
    // a stored date without its source: the source is unknown
    const bare = storedPortions({ key: '08QUORIN101', level: 3, caveats: [], text, date: '2008-04-10T12:00:00Z' })
    expect(kinds(bare, 'date-source')).toEqual(['{"basis":"unknown","precision":null,"from":[]}'])
    // no date stored: none shown
    expect(kinds(storedPortions({ key: '08QUORIN101', level: 3, caveats: [], text, date: null }), 'date')).toEqual([])
  })
})

describe('the reason a reader is not shown a portion', () => {
  const text = cable('fail.').replace('3. (S)', '3. (S//NF)').replace('2. (C)', '2. (C//NOFORN/EXDIS)')
  it('should name the level he is below, or the caveats he lacks', () => {
    expect(redactText(text, { level: 2, caveats: ['NOFORN', 'EXDIS'] }).text).toContain('[Paragraph 3 withheld: marked SECRET//NOFORN, above CONFIDENTIAL]')
    expect(redactText(text, { level: 3, caveats: [] }).text).toContain('[Paragraph 2 withheld: marked CONFIDENTIAL//NOFORN/EXDIS, needs NOFORN, EXDIS]')
  })

  it('should name every caveat of the whole cable an unmarked paragraph lacks for him, one after the other', () => {
    // the captions make the cable NOFORN and EXDIS; the unmarked paragraph 1 stands at that overall marking
    const captioned = cable('fail.', undefined, { unclassified: 'Gammacanary the weather was fine.' }).replace('SIPDIS\n', 'NOFORN\nEXDIS\nSIPDIS\n').replace('1. (U) ', '1. ')
    const r = redactText(captioned, { level: 3, caveats: [] })
    expect(r.withheld.find((w) => w.portion === 'paragraph 1')).toEqual({ portion: 'paragraph 1', mark: null, reason: 'unmarked: treated as the overall SECRET//NOFORN/EXDIS, needs NOFORN, EXDIS' })
    expect(redactText(captioned, { level: 3, caveats: ['NOFORN'] }).withheld.find((w) => w.portion === 'paragraph 1')?.reason).toBe('unmarked: treated as the overall SECRET//NOFORN/EXDIS, needs EXDIS')
  })
})
