import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DIRECTORY_ORIGINS } from '../../src/format/data/station-origins.js'
import { canonicalId } from '../../src/format/ids.js'
import { parseCable } from '../../src/format/parse.js'
import { repairOrigin } from '../../src/format/stations.js'

describe('origins repaired against the directory of stations', () => {
  it.each([
    ['1974KINSHA01234', '74KINSHASA1234'],
    ['1975NEWDE14031_b', '75NEWDELHI14031'],
    ['1973THEHA00005', '73THEHAGUE5'],
    ['1976ADDISA00731', '76ADDISABABA731'],
    ['1978BUENOS01200', '78BUENOSAIRES1200'],
    ['10SHANGHAI60_a', '10SHANGHAI60'],
    ['1975STATE012345', '75STATE12345'],
  ])('should canonicalise the NARA/PlusD number %s as %s', (raw, id) => {
    expect(canonicalId(raw)).toBe(id)
  })

  it('should repair one-letter misspellings of long enough origins', () => {
    expect(repairOrigin('BISHIEK')).toEqual({ kind: 'repaired', origin: 'BISHKEK', how: 'spelling' })
    expect(repairOrigin('QRIPOLI')).toEqual({ kind: 'repaired', origin: 'TRIPOLI', how: 'spelling' })
    expect(repairOrigin('VIENTIENE')).toEqual({ kind: 'repaired', origin: 'VIENTIANE', how: 'spelling' })
    expect(repairOrigin('KATHMANDUU')).toEqual({ kind: 'repaired', origin: 'KATHMANDU', how: 'spelling' })
  })

  it('should keep known stations, closed posts of earlier decades and unknown short names as written', () => {
    for (const o of ['STATE', 'SAIGON', 'DACCA', 'BONN', 'MANAMA', 'PANAMA', 'VATICAN', 'TAIPEI', 'AITTAIPEI', 'KIEV', 'KYIV']) {
      expect(repairOrigin(o).origin, o).toBe(o)
    }
    expect(repairOrigin('ZORBLAT')).toEqual({ kind: 'unknown', origin: 'ZORBLAT' })
  })

  it('should not repair when two stations are equally close', () => {
    expect(repairOrigin('MONTE')).toEqual({ kind: 'ambiguous', origin: 'MONTE', candidates: ['MONTERREY', 'MONTEVIDEO'] })
    expect(repairOrigin('PORTO')).toMatchObject({ kind: 'ambiguous' })
    expect(canonicalId('1977MONTE00012')).toBe('77MONTE12')
  })

  it('should keep the written id as rawId and say what was repaired', () => {
    const text = `R 011200Z JUN 08\nFM AMEMBASSY BISHKEK\nTO SECSTATE WASHDC 0001\n\nUNCLAS SECTION 01 OF 02 BISHIEK 000021\n\nE.O. 12958: N/A\nTAGS: PREL, XY\nSUBJECT: INVENTED\n\n1. Invented text.\n`
    const c = parseCable(text)
    expect(c.id).toBe('08BISHKEK21')
    expect(c.rawId).toBe('08BISHIEK000021')
    const d = c.diagnostics.find((x) => x.code === 'ID_REPAIRED')!
    expect(d.message).toContain('BISHIEK')
    expect(d.span.start.line).toBe(5)
  })

  it('should say so when an MRN origin is ambiguous, and build the id as written', () => {
    const c = parseCable(`R 011200Z JUN 77\n\nUNCLAS MONTE 000012\n\n1. Invented text.\n`)
    expect(c.id).toBe('77MONTE12')
    expect(c.diagnostics.map((d) => d.code)).toContain('ID_AMBIGUOUS')
  })

  it('should hold every origin of the directory tables', () => {
    const dir = join(import.meta.dirname, '../../data')
    const origins = ['directory-posts.tsv', 'directory-posts-added.tsv'].flatMap((f) =>
      readFileSync(join(dir, f), 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t')[2]).filter(Boolean),
    )
    expect(DIRECTORY_ORIGINS).toEqual(origins)
  })
})
