import { describe, expect, it } from 'vitest'
import { cableNetwork } from '../../src/archive/network.js'
import { pladStation } from '../../src/format/origin-label.js'
import { stationOfAddress } from '../../src/messaging/recipients.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

describe('addressee lines read as stations', () => {
  it('should drop the office note, an embassy country code, the routing indicator, and write Washington one way', () => {
    expect(stationOfAddress('SECDEF WASHDC//USDP:PDUSDP/ISA:EUR/ISA:NESA//')).toBe('SECDEF WASHDC')
    expect(stationOfAddress('JOINT STAFF WASHDC//J-3/J-5//')).toBe('JOINT STAFF WASHDC')
    expect(stationOfAddress('JOINT STAFF WASHINGTON DC//J3//')).toBe('JOINT STAFF WASHDC')
    expect(stationOfAddress('FBI WASH DC//INTD/CTD/CT WATCH')).toBe('FBI WASHDC')
    expect(stationOfAddress('ODC ANKARA TU//TCH//')).toBe('ODC ANKARA TU')
    expect(stationOfAddress('CJTF HOA//J3')).toBe('CJTF HOA')
    expect(stationOfAddress('RUEHTRO/AMEMBASSY  tripoli LY')).toBe('AMEMBASSY TRIPOLI')
    expect(stationOfAddress('AMCONSUL MUMBAI IN')).toBe('AMCONSUL MUMBAI')
    // military and agency PLADs keep their state or country code; an embassy city is not cut short
    expect(stationOfAddress('USCINCCENT MACDILL AFB FL//POLAD//')).toBe('USCINCCENT MACDILL AFB FL')
    expect(stationOfAddress('AMEMBASSY LA PAZ')).toBe('AMEMBASSY LA PAZ')
    expect(pladStation('USDEL SECRETARY//MEXICO//')).toBe('USDEL SECRETARY')
  })

  it('should aggregate a station\'s edges whatever office or spelling its addressee lines name', async () => {
    const store = openSqliteStore(':memory:')
    const text = (n: number, to: string, info: string[]) =>
      `R 0${n}1200Z FEB 08\nFM AMEMBASSY QUORIN\nTO ${to} 000${n}\n${info.map((t, i) => `${i ? '' : 'INFO '}${t}`).join('\n')}\n\nC O N F I D E N T I A L QUORIN 00000${n}\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL XY\nSUBJECT: INVENTED ROUTING ${n}\n\n1. (C) Text.\n\nNOBODY\n`
    const texts = [
      text(1, 'SECSTATE WASHDC', ['SECDEF WASHDC//USDP:PDUSDP/ISA:EUR//', 'JOINT STAFF WASHDC//J-3/J-5//']),
      text(2, 'SECSTATE WASHINGTON DC', ['SECDEF WASHINGTON DC//USDP ADMIN/CHAIRS//', 'JOINT STAFF WASHINGTON DC//J5//', 'ODC ANKARA TU//TCH//']),
      text(3, 'SECSTATE WASHDC', ['RUEHVL/AMEMBASSY VELLORA VL', 'ODC ANKARA TU']),
    ]
    const dir = mkdtempSync(join(tmpdir(), 'cablegram-stations-'))
    const files = texts.map((t, i) => {
      const f = join(dir, `08QUORIN${i + 1}.txt`)
      writeFileSync(f, t)
      return f
    })
    await importArchive(store, files)
    rmSync(dir, { recursive: true, force: true })
    const g = await cableNetwork(store)
    expect(g.nodes().sort()).toEqual(['AMEMBASSY QUORIN', 'AMEMBASSY VELLORA', 'JOINT STAFF WASHDC', 'ODC ANKARA TU', 'SECDEF WASHDC', 'SECSTATE WASHDC'])
    expect(g.getEdgeAttributes('AMEMBASSY QUORIN', 'SECDEF WASHDC')).toMatchObject({ weight: 2, info: 2 })
    expect(g.getEdgeAttributes('AMEMBASSY QUORIN', 'SECSTATE WASHDC')).toMatchObject({ weight: 3, action: 3 })
    expect(g.getEdgeAttributes('AMEMBASSY QUORIN', 'ODC ANKARA TU')).toMatchObject({ weight: 2 })
    expect(g.getNodeAttributes('JOINT STAFF WASHDC')).toEqual({ sent: 0, received: 2 })
    await store.close()
  })
})
