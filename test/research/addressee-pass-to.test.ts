/**
 * An addressee line with `PASS TO` another addressee (spec §4.1; QA 14 round 8, F2): the station is the PLAD before
 * `PASS TO` (`RUEHFR/AMEMBASSY PARIS PASS TO AMEMBASSY COYOTEPASS` names AMEMBASSY PARIS); what follows is kept as a
 * note (`passTo`), no post of its own in the network. Synthetic cables only (invented posts QUORIN, VELLORA).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importArchive } from '../../src/archive/import/import-archive.js'
import { cableNetwork } from '../../src/archive/network.js'
import { formatAddressee, parseAddressee } from '../../src/format/addressee.js'
import { parseCable } from '../../src/format/parse.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const CABLE = `R 051200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC 0005
INFO RUEHVL/AMEMBASSY VELLORA 0001
RUEHFR/AMEMBASSY PARIS PASS TO AMEMBASSY COYOTEPASS

C O N F I D E N T I A L QUORIN 000005

E.O. 12958: DECL: 01/01/2019
TAGS: PREL XY
SUBJECT: INVENTED PASSING

1. (C) Text.

NOBODY
`

describe('an addressee line with PASS TO', () => {
  it('should end the PLAD before PASS TO and keep the rest as a note', () => {
    expect(parseAddressee('RUEHFR/AMEMBASSY PARIS PASS TO AMEMBASSY COYOTEPASS').addressee).toEqual({ route: 'RUEHFR', name: 'AMEMBASSY PARIS', precedence: null, serial: null, excluded: null, passTo: 'AMEMBASSY COYOTEPASS' })
    expect(parseAddressee('AMEMBASSY PARIS PRIORITY 0042 PASS TO USDEL COYOTE').addressee).toMatchObject({ name: 'AMEMBASSY PARIS', precedence: 'PRIORITY', serial: '0042', passTo: 'USDEL COYOTE' })
    expect(parseAddressee('RUEHFR/AMEMBASSY PARIS IMMEDIATE 0042').addressee).not.toHaveProperty('passTo')
  })

  it('should write the line back as it was', () => {
    for (const line of ['RUEHFR/AMEMBASSY PARIS PASS TO AMEMBASSY COYOTEPASS', 'AMEMBASSY PARIS PRIORITY 0042 PASS TO USDEL COYOTE']) expect(formatAddressee(parseAddressee(line).addressee)).toBe(line)
  })

  it('should list the post, not the pass-to text, among the info addressees and in the network', async () => {
    expect(parseCable(CABLE, { plain: true }).info?.map((a) => a.name)).toEqual(['AMEMBASSY VELLORA', 'AMEMBASSY PARIS'])
    const store = openSqliteStore(':memory:')
    const dir = mkdtempSync(join(tmpdir(), 'cablegram-pass-to-'))
    const file = join(dir, '08QUORIN5.txt')
    writeFileSync(file, CABLE)
    await importArchive(store, [file])
    rmSync(dir, { recursive: true, force: true })
    const g = await cableNetwork(store)
    expect(g.nodes().sort()).toEqual(['AMEMBASSY PARIS', 'AMEMBASSY QUORIN', 'AMEMBASSY VELLORA', 'SECSTATE WASHDC'])
    await store.close()
  })
})
