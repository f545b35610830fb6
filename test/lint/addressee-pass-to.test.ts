/**
 * Lint reads addressee lines with the core's parser (QA 14 leftover 3): `PASS TO` and what follows it is a note, no
 * part of the PLAD, so the precedence and MCN before it are checked (ENV-003, ENV-017) and the routing indicator is
 * compared with the PLAD alone (ENV-016), at the positions the line writes them. The rules' other diagnostics and
 * positions stay as they were (misspelt precedences, `NIACT` alone, DoD office symbols). Synthetic lines and the
 * synthetic base cable only.
 */
import { describe, expect, it } from 'vitest'
import { addresseeParts, parseAddressee as coreAddressee } from '../../src/format/addressee.js'
import { collapseSpace } from '../../src/format/lines.js'
import { parseAddressee } from '../../src/lint/addressee-line.js'
import { mutate } from '../../src/lint/examples/base-cable.js'
import { formatSpan } from '../../src/lint/format-span.js'
import { lintText } from '../../src/lint/index.js'

const envRules = (text: string) =>
  lintText(text, { mode: 'archive' })
    .filter((m) => /^ENV-0(0[34]|1[4-9])$/.test(m.ruleId))
    .map((m) => `${m.ruleId} ${formatSpan(m.span)} ${m.message}`)

describe('lint addressee lines with PASS TO', () => {
  it('should split the note off the PLAD, with positions in the line as written', () => {
    const line = 'RUEHFR/AMEMBASSY PARIS  PRIOITY 0042 PASS TO USDEL  COYOTE'
    expect(parseAddressee(line)).toEqual({
      ri: 'RUEHFR',
      plad: 'AMEMBASSY PARIS',
      pladStart: 7,
      precedence: 'PRIOITY',
      precedenceStart: 24,
      correction: 'PRIORITY',
      mcn: '0042',
      mcnStart: 32,
      passTo: 'USDEL COYOTE',
      passToStart: 45,
    })
    expect(line.slice(24, 31)).toBe('PRIOITY')
    expect(line.slice(32, 36)).toBe('0042')
    expect(line.slice(45, 50)).toBe('USDEL')
  })

  it('should check the MCN before PASS TO (ENV-017) at its position', () => {
    expect(envRules(mutate([['PARIS IMMEDIATE 4521', 'PARIS IMMEDIATE 451 PASS TO USDEL QUORIN']]))).toEqual(['ENV-017 9:37-9:40 Unexpected MCN `451`, expected 4 digits'])
  })

  it('should count the precedence before PASS TO for the FL2 digraph (ENV-003)', () => {
    const text = mutate([
      ['OO RUEHFR RUEHLO', 'PP RUEHFR RUEHLO'],
      ['O 141520Z FEB 09', 'P 141520Z FEB 09'],
      ['PARIS IMMEDIATE 4521', 'PARIS IMMEDIATE 4521 PASS TO USDEL QUORIN'],
    ])
    expect(envRules(text)).toEqual(['ENV-003 4:1-4:3 Unexpected digraph `PP`, expected `OO` (highest precedence of FL5 and the addressees)'])
  })

  it('should compare the routing indicator with the PLAD, not the note (ENV-016)', () => {
    expect(envRules(mutate([['TO RUEHFR/AMEMBASSY PARIS IMMEDIATE 4521', 'TO RUEHFR/AMEMBASSY LONDON IMMEDIATE 4521 PASS TO AMEMBASSY PARIS']]))).toEqual([
      'ENV-016 9:4-9:10 Routing indicator `RUEHFR` is AMEMBASSY PARIS, not AMEMBASSY LONDON',
    ])
  })

  it('should find nothing wrong with a well-formed line carrying a note', () => {
    expect(envRules(mutate([['PARIS IMMEDIATE 4521', 'PARIS IMMEDIATE 4521 PASS TO USDEL QUORIN']]))).toEqual([])
  })
})

describe('lint addressee lines read by the core parser', () => {
  const lines = [
    'RUEHDBU/AMEMBASSY DUSHANBE IMMEDIATE 1302',
    'RUEHC/ SECSTATE WASHDC  PRIORITY',
    'AMEMBASSY LONDON NIACT IMMEDIATE 0007',
    'RUEKJCS/SECDEF WASHINGTON DC//USD:SOLIC// PRIORITY',
    'ALL SOUTH AND CENTRAL ASIA COLLECTIVE',
    'AMEMBASSY PARIS PASS TO AMEMBASSY COYOTEPASS',
    '  RUEHFR/AMEMBASSY\tPARIS ROUTNE 12 ',
    'RUEHZL/date: 4/8/2008 19:23',
  ]

  it.each(lines)('should read %j as the core parser does, each part where the line writes it', (line) => {
    const core = coreAddressee(line).addressee
    const lint = parseAddressee(line)
    const parts = addresseeParts(line)
    expect([lint.ri, collapseSpace(lint.plad), lint.mcn, lint.passTo ?? undefined]).toEqual([core.route, core.name, core.serial, core.passTo])
    expect(parts.precedenceWord).toBe(core.precedence)
    if (lint.ri !== null) expect(line.slice(parts.routeStart, parts.routeStart + lint.ri.length)).toBe(lint.ri)
    expect(line.slice(lint.pladStart, lint.pladStart + lint.plad.length)).toBe(lint.plad)
    if (lint.precedence !== null) expect(collapseSpace(line.slice(lint.precedenceStart)).startsWith(lint.precedence)).toBe(true)
    if (lint.mcn !== null) expect(line.slice(lint.mcnStart, lint.mcnStart + lint.mcn.length)).toBe(lint.mcn)
  })

  it('should still refuse a line whose routing indicator the parser cannot read (its PLAD is then no PLAD)', () => {
    expect(envRules(mutate([['TO RUEHFR/AMEMBASSY PARIS IMMEDIATE 4521', 'TO ZEN/AMEMBASSY PARIS IMMEDIATE 4521']])).filter((m) => m.startsWith('ENV-014'))).toEqual([
      'ENV-014 9:4-9:38 Addressee `ZEN/AMEMBASSY PARIS IMMEDIATE 4521` does not parse as [RI/]PLAD [precedence] [MCN]',
    ])
  })

  it('should keep the diagnostics of misspelt precedences and NIACT alone', () => {
    expect(envRules(mutate([['AMEMBASSY LONDON PRIORITY', 'AMEMBASSY LONDON PRIOITY']]))).toEqual(['ENV-014 10:30-10:37 Unexpected precedence `PRIOITY`, expected `PRIORITY` (misspelling accepted in archive mode)'])
    // a misspelling the parser's list does not hold: lint still suspects it
    expect(envRules(mutate([['AMEMBASSY LONDON PRIORITY', 'AMEMBASSY LONDON PRIORITTY']]))).toEqual(['ENV-014 10:30-10:39 Unexpected precedence `PRIORITTY`, expected `PRIORITY` (misspelling accepted in archive mode)'])
    expect(envRules(mutate([['AMEMBASSY PARIS IMMEDIATE', 'AMEMBASSY PARIS NIACT']])).filter((m) => m.startsWith('ENV-015'))).toEqual(['ENV-015 9:27-9:32 Unexpected `NIACT` alone, expected `NIACT IMMEDIATE`'])
  })
})
