import { describe, expect, it } from 'vitest'
import { snapshotText } from '../../src/archive/output/write-snapshot.js'
import type { Snapshot } from '../../src/archive/snapshots.js'

const snapshot = (access: Snapshot['access']): Snapshot => ({
  format: 1,
  id: 'cg-test0001',
  query: 'harbour',
  savedAt: '2026-12-02T12:00:00.000Z',
  access,
  archiveHash: 'a'.repeat(64),
  archiveCables: 3,
  resultHash: 'b'.repeat(64),
  count: 2,
  cables: [],
})

describe('snapshotText names the saver\'s access as --clearance and --caveats take it (QA 14 round 5, finding 02)', () => {
  it.each([
    [{ level: 2, caveats: [] }, '(by a reader cleared CONFIDENTIAL)'],
    [{ level: 3, caveats: ['NOFORN'] }, '(by a reader cleared SECRET//NOFORN)'],
    [{ level: 4, caveats: ['NOFORN', 'EXDIS'] }, '(by a reader cleared TOP SECRET//NOFORN/EXDIS)'],
    [{ level: 0, caveats: [] }, '(by a reader cleared UNCLASSIFIED)'],
    [{ level: 1, caveats: [] }, '(by a reader cleared SBU)'],
  ])('%j → %s', (access, said) => {
    const text = snapshotText(snapshot(access))
    expect(text).toContain(`  saved         2026-12-02T12:00:00.000Z ${said}\n`)
    expect(text).not.toMatch(/level \d/)
  })

  it('says nothing of a reader for a snapshot saved in archive mode', () => {
    expect(snapshotText(snapshot(null))).toContain('  saved         2026-12-02T12:00:00.000Z\n')
  })
})
