/**
 * The filing rules of src/store/filing.ts, in process (issue 15, eighteenth mutation run): how the filings of a text's
 * sources and of a cable's versions merge (fail closed: the highest level, every caveat, an unreadable marking wins),
 * when two filings are the same, the columns a filing is stored in, the filing-rules version an archive states, and
 * what re-filing a stored cable gives. Every expected value is written out here, never read from the module.
 */
import { describe, expect, it } from 'vitest'
import {
  filingColumns,
  filingOfColumns,
  mergeSourceFilings,
  refiledCable,
  registeredSourceFiling,
  registerSourceFiling,
  sameFiling,
  storedFilingRules,
  versionsFiling,
  type Filing,
  type SourceFiling,
} from '../../src/store/filing.js'

const UNREAD = 'TOP SECRET (marking not understood)'
const f = (level: number, caveats: string[], classification: string | null): Filing => ({ level, caveats, classification })

describe('mergeSourceFilings', () => {
  it('takes the highest stated level and every caveat, in the labels order, whichever comes first', () => {
    const a = f(3, ['ORCON'], 'SECRET//ORCON')
    const b = f(2, ['NOFORN', 'EXDIS'], 'CONFIDENTIAL//NOFORN/EXDIS')
    const want = f(3, ['NOFORN', 'EXDIS', 'ORCON'], 'SECRET//ORCON/NOFORN/EXDIS')
    expect(mergeSourceFilings(a, b)).toEqual(want)
    expect(mergeSourceFilings(b, a)).toEqual(want)
  })

  it('writes caveats that are no restrictive caveat after those, sorted, once each', () => {
    expect(mergeSourceFilings(f(2, ['ZULU', 'NOFORN'], 'CONFIDENTIAL//NOFORN'), f(2, ['ALPHA', 'ZULU'], 'CONFIDENTIAL')).caveats).toEqual(['NOFORN', 'ALPHA', 'ZULU'])
  })

  it('lets a source stating no level add its caveats but not its fail-closed level', () => {
    expect(mergeSourceFilings(f(4, ['NODIS'], null), f(2, [], 'CONFIDENTIAL'))).toEqual(f(2, ['NODIS'], 'CONFIDENTIAL//NODIS'))
    expect(mergeSourceFilings(f(2, [], 'CONFIDENTIAL'), f(4, ['NODIS'], null))).toEqual(f(2, ['NODIS'], 'CONFIDENTIAL//NODIS'))
  })

  it('stays TOP SECRET without a label when no source states a level', () => {
    expect(mergeSourceFilings(f(4, ['NOFORN'], null), f(4, [], null))).toEqual(f(4, ['NOFORN'], null))
    // the higher of the two all the same (a level below 4 without a label is no filing the service gives, but the
    // merge never lowers one)
    expect(mergeSourceFilings(f(1, [], null), f(3, [], null))).toEqual(f(3, [], null))
    expect(mergeSourceFilings(f(3, [], null), f(1, [], null))).toEqual(f(3, [], null))
  })

  it('files the text TOP SECRET, marking not understood, when either source cannot be read', () => {
    expect(mergeSourceFilings(f(4, ['NOFORN'], UNREAD), f(2, ['ORCON'], 'CONFIDENTIAL//ORCON'))).toEqual(f(4, ['NOFORN', 'ORCON'], UNREAD))
    expect(mergeSourceFilings(f(2, [], 'CONFIDENTIAL'), f(4, [], UNREAD))).toEqual(f(4, [], UNREAD))
    // the level is the higher one, not a constant
    expect(mergeSourceFilings(f(1, [], UNREAD), f(3, [], 'SECRET'))).toEqual(f(3, [], UNREAD))
    expect(mergeSourceFilings(f(3, [], 'SECRET'), f(1, [], UNREAD))).toEqual(f(3, [], UNREAD))
  })

  it('writes an SBU label with its caveats', () => {
    expect(mergeSourceFilings(f(1, [], 'UNCLASSIFIED//FOR OFFICIAL USE ONLY'), f(0, ['NOFORN'], 'UNCLASSIFIED//NOFORN'))).toEqual(
      f(1, ['NOFORN'], 'UNCLASSIFIED//FOR OFFICIAL USE ONLY/NOFORN'),
    )
  })

  it('refuses a level that is no clearance rank', () => {
    expect(() => mergeSourceFilings(f(7, [], 'SECRET'), f(2, [], 'CONFIDENTIAL'))).toThrow('filing level 7 is not a clearance rank')
  })
})

describe('versionsFiling', () => {
  it('refuses a cable without a text', () => {
    expect(() => versionsFiling([])).toThrow('a cable has at least one text')
  })

  it('files the cable under its highest version with every caveat of each', () => {
    expect(versionsFiling([f(2, ['ORCON'], 'CONFIDENTIAL//ORCON'), f(3, ['NOFORN'], 'SECRET//NOFORN'), f(0, ['EXDIS'], 'UNCLASSIFIED//EXDIS')])).toEqual(
      f(3, ['NOFORN', 'EXDIS', 'ORCON'], 'SECRET//ORCON/NOFORN/EXDIS'),
    )
  })

  it('takes the label of a version not understood at the top, not one below it', () => {
    expect(versionsFiling([f(3, [], 'SECRET'), f(4, [], UNREAD)])).toEqual(f(4, [], UNREAD))
    expect(versionsFiling([f(4, [], UNREAD), f(4, ['NOFORN'], 'TOP SECRET//NOFORN')])).toEqual(f(4, ['NOFORN'], UNREAD))
    expect(versionsFiling([f(4, [], 'TOP SECRET'), f(3, [], UNREAD)])).toEqual(f(4, [], 'TOP SECRET'))
  })

  it('has no label when nothing states the top level, and a stated one when any version at the top states it', () => {
    expect(versionsFiling([f(4, ['NODIS'], null), f(3, [], 'SECRET')])).toEqual(f(4, ['NODIS'], null))
    expect(versionsFiling([f(4, [], null), f(4, [], 'TOP SECRET')])).toEqual(f(4, [], 'TOP SECRET'))
    expect(versionsFiling([f(4, [], 'TOP SECRET'), f(4, [], null)])).toEqual(f(4, [], 'TOP SECRET'))
  })
})

describe('sameFiling', () => {
  it('is the same filing whatever order the caveats are in, and another for any field that differs', () => {
    expect(sameFiling(f(3, ['ORCON', 'NOFORN'], 'SECRET//ORCON/NOFORN'), f(3, ['NOFORN', 'ORCON'], 'SECRET//ORCON/NOFORN'))).toBe(true)
    expect(sameFiling(f(3, [], 'SECRET'), f(2, [], 'SECRET'))).toBe(false)
    expect(sameFiling(f(3, [], 'SECRET'), f(3, [], null))).toBe(false)
    expect(sameFiling(f(3, ['NOFORN'], 'SECRET'), f(3, [], 'SECRET'))).toBe(false)
    expect(sameFiling(f(3, ['NOFORN', 'EXDIS'], 'S'), f(3, ['NOFORN'], 'S'))).toBe(false)
  })
})

describe('the columns of a filing', () => {
  it('stores caveats space-joined and reads them back, none as the empty string', () => {
    expect(filingColumns(f(3, ['NOFORN', 'ORCON'], 'SECRET//ORCON/NOFORN'))).toEqual({ level: 3, caveats: 'NOFORN ORCON', classification: 'SECRET//ORCON/NOFORN' })
    expect(filingOfColumns({ level: 3, caveats: 'NOFORN ORCON', classification: 'SECRET//ORCON/NOFORN' })).toEqual(f(3, ['NOFORN', 'ORCON'], 'SECRET//ORCON/NOFORN'))
    expect(filingOfColumns({ level: 4, caveats: '', classification: null })).toEqual(f(4, [], null))
  })
})

describe('storedFilingRules', () => {
  it('reads the version written, a whole number of up to nine digits', () => {
    expect(storedFilingRules('2', true)).toBe(2)
    expect(storedFilingRules('17', false)).toBe(17)
    expect(storedFilingRules('123456789', true)).toBe(123456789)
  })

  it('counts anything else written as version 0, so the archive is re-filed', () => {
    for (const value of ['', 'two', '2a', 'a2', '-1', '1.5', '1234567890', ' 2']) expect(storedFilingRules(value, true), value).toBe(0)
  })

  // the current version written out (not imported): raise it with FILING_RULES in src/store/filing.ts
  it('counts no version written as 0 for an archive holding cables, the current one for an empty archive', () => {
    expect(storedFilingRules(null, true)).toBe(0)
    expect(storedFilingRules(undefined, true)).toBe(0)
    expect(storedFilingRules(null, false)).toBe(11)
    expect(storedFilingRules(undefined, false)).toBe(11)
  })
})

describe('the registered filing rule', () => {
  it('is the one the service layer registered', () => {
    const rule: SourceFiling = () => f(0, [], 'UNCLASSIFIED')
    const before = registeredSourceFiling()
    registerSourceFiling(rule)
    expect(registeredSourceFiling()).toBe(rule)
    if (before) registerSourceFiling(before)
  })
})

describe('refiledCable', () => {
  // a stand-in for the service layer's rule: the text names its filing (`SECRET`, `SECRET NOFORN`), a source's
  // metadata may raise it (`classification`)
  const LEVELS: Record<string, number> = { UNCLASSIFIED: 0, CONFIDENTIAL: 2, SECRET: 3 }
  const file: SourceFiling = (text, source) => {
    const [word, ...caveats] = (source.metadata['classification'] ?? text).split(' ')
    if (word === '?') return f(4, caveats, UNREAD)
    if (!(word in LEVELS)) return f(4, caveats, null)
    return f(LEVELS[word], caveats, caveats.length ? `${word}//${caveats.join('/')}` : word)
  }
  const src = (metadata: Record<string, string> = {}) => ({ rendering: 'text', metadata })

  it('is null when the rules file every text as stored', () => {
    expect(refiledCable({ filing: f(3, [], 'SECRET'), texts: [{ version: null, filing: null, text: 'SECRET', sources: [src()] }] }, file)).toBeNull()
  })

  it('raises the cable to what its text states now', () => {
    expect(refiledCable({ filing: f(2, [], 'CONFIDENTIAL'), texts: [{ version: null, filing: null, text: 'SECRET NOFORN', sources: [src()] }] }, file)).toEqual({
      cable: f(3, ['NOFORN'], 'SECRET//NOFORN'),
      versions: [],
    })
  })

  it('files a text no source names as a plain text', () => {
    const plain: SourceFiling = (text, source) => (source.rendering === 'text' ? file(text, source) : f(4, [], UNREAD))
    expect(refiledCable({ filing: f(2, [], 'CONFIDENTIAL'), texts: [{ version: null, filing: null, text: 'SECRET', sources: [] }] }, plain)).toEqual({
      cable: f(3, [], 'SECRET'),
      versions: [],
    })
  })

  it('merges every source of a text (one that cannot be read files it TOP SECRET, marking not understood)', () => {
    const stored = { filing: f(2, [], 'CONFIDENTIAL'), texts: [{ version: null, filing: null, text: 'CONFIDENTIAL', sources: [src(), src({ classification: 'CONFIDENTIAL ORCON' })] }] }
    expect(refiledCable(stored, file)).toEqual({ cable: f(2, ['ORCON'], 'CONFIDENTIAL//ORCON'), versions: [] })
    const unread = { filing: f(2, [], 'CONFIDENTIAL'), texts: [{ version: null, filing: null, text: 'CONFIDENTIAL', sources: [src(), src({ classification: '?' })] }] }
    expect(refiledCable(unread, file)).toEqual({ cable: f(4, [], UNREAD), versions: [] })
  })

  it('never files a text below what is stored for it', () => {
    expect(refiledCable({ filing: f(3, ['NOFORN'], 'SECRET//NOFORN'), texts: [{ version: null, filing: null, text: 'CONFIDENTIAL', sources: [src()] }] }, file)).toBeNull()
  })

  it('lists each version whose filing changes, with its own new filing, and files the cable under all its texts', () => {
    const stored = {
      filing: f(2, [], 'CONFIDENTIAL'),
      texts: [
        { version: 1, filing: f(2, [], 'CONFIDENTIAL'), text: 'CONFIDENTIAL', sources: [src()] },
        { version: 2, filing: f(2, [], 'CONFIDENTIAL'), text: 'SECRET EXDIS', sources: [src()] },
        { version: 3, filing: f(0, [], 'UNCLASSIFIED'), text: 'CONFIDENTIAL', sources: [src()] },
      ],
    }
    expect(refiledCable(stored, file)).toEqual({
      cable: f(3, ['EXDIS'], 'SECRET//EXDIS'),
      versions: [
        { version: 2, filing: f(3, ['EXDIS'], 'SECRET//EXDIS') },
        { version: 3, filing: f(2, [], 'CONFIDENTIAL') },
      ],
    })
  })

  it('judges a version without a stored filing against the cable s, and lists a changed version even when the cable s stays', () => {
    const stored = {
      filing: f(3, [], 'SECRET'),
      texts: [
        { version: 1, filing: null, text: 'CONFIDENTIAL', sources: [src()] },
        { version: 2, filing: f(2, [], 'CONFIDENTIAL'), text: 'SECRET', sources: [src()] },
      ],
    }
    expect(refiledCable(stored, file)).toEqual({ cable: f(3, [], 'SECRET'), versions: [{ version: 2, filing: f(3, [], 'SECRET') }] })
  })
})
