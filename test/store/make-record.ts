import type { CableRecord } from '../../src/store/store.js'

/** A synthetic stored cable; every field can be overridden. */
export function makeRecord(over: Partial<CableRecord> & { key: string }): CableRecord {
  return {
    id: over.key,
    rawId: over.key,
    date: '2009-09-24',
    dateSource: over.date === null ? null : { basis: 'read', precision: 'day', from: ['dateline'] },
    origin: 'AMEMBASSY HARARE',
    originKey: 'HARARE',
    precedence: 'ROUTINE',
    classification: 'UNCLASSIFIED',
    level: 0,
    caveats: [],
    subject: 'TEST SUBJECT',
    captions: [],
    tags: ['PREL'],
    addressees: [{ role: 'to', name: 'SECSTATE WASHDC', route: 'RUEHC', precedence: 'ROUTINE' }],
    references: [],
    text: `UNCLAS HARARE 000001\n\nSUBJECT: TEST SUBJECT\n\n1. (U) Nothing to see.\n`,
    diagnostics: [],
    errorCount: 0,
    source: { locator: `${over.key}.txt`, rendering: 'text', sha256: 'a'.repeat(64), importedAt: '2026-01-01T00:00:00.000Z', metadata: {} },
    ...over,
  }
}
