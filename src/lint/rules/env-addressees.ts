import { defineRule } from '../types.js'
import { isCollective, near } from '../addressee-line.js'
import { PLAD_TYPE_WORDS, stationOf } from '../tables.js'
import { linesOf } from './env-format-lines.js'
import { addressees } from './env-precedence.js'

const TOKEN = /\S+/g

const normalisePlad = (s: string): string => s.toUpperCase().replace(PLAD_TYPE_WORDS, '').replace(/[^A-Z]/g, '')

/** station → PLAD → same; nested so a lookup hashes the two strings as they are, without joining them. */
const SAME_STATION = new Map<string, Map<string, boolean>>()
let sameStationPairs = 0

/** Routing-table names carry state/country suffixes (`CHARLESTON SC`) that PLADs drop: compare by prefix. */
function sameStation(station: string, plad: string): boolean {
  // the same RI and PLAD pair recurs on every cable a post sends or receives: compare each pair once
  let byPlad = SAME_STATION.get(station)
  if (!byPlad) SAME_STATION.set(station, (byPlad = new Map()))
  let same = byPlad.get(plad)
  if (same === undefined) {
    same = compareStation(station, plad)
    // bounded against hostile input that names ever new PLADs
    if (sameStationPairs < 10_000) {
      byPlad.set(plad, same)
      sameStationPairs++
    }
  }
  return same
}

function compareStation(station: string, plad: string): boolean {
  const a = normalisePlad(station)
  const b = normalisePlad(plad)
  // the routing table itself has typos (`QUINTO`, `COLUMBO`): one or two letters off still names the station
  return a === b || near(a, b, 2) || (b.length >= 4 && a.startsWith(b)) || (a.length >= 4 && b.startsWith(a)) || a.endsWith(b) || b.endsWith(a)
}

/** State posts and offices keep MCNs; recognised by the station the RI decodes to. */
const isStateStation = (ri: string): boolean => ri.startsWith('RUEH') || /^(?:AMEMBASSY|AMCONSUL|USMISSION|USOFFICE|SECSTATE|DEPT OF STATE|AIT|USINT)\b/.test(stationOf(ri) ?? '')

export const env013 = defineRule({
  id: 'ENV-013',
  level: { compose: 'warning', archive: 'info' },
  summary: 'At least one TO (action) addressee',
  rationale: 'A cable without an action addressee asks no one to act; released cables with only INFO addressees exist (08STATE125686), so archive mode only notes it.',
  source: '5 FAH-2 H-233',
  fixable: false,
  examples: {
    fail: { edits: [['TO RUEHFR/AMEMBASSY PARIS IMMEDIATE 4521\nINFO ', 'INFO RUEHFR/AMEMBASSY PARIS IMMEDIATE 4521\n']], span: '8:1-8:19' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const fm = linesOf(ctx, 'fm')[0]
    if (!fm || linesOf(ctx, 'to').length > 0) return
    report({ message: 'No TO addressee: the cable has no action addressee', at: [fm.start, fm.start + fm.text.trimEnd().length] })
  },
})

export const env016 = defineRule({
  id: 'ENV-016',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'Each routing indicator is in the routing table and belongs to the PLAD it precedes',
  rationale: 'The terminal routes by RI, the reader by PLAD; an RI of another station misroutes the copy. Gateways that serve many PLADs (RHMFISS, RHMFIUU, RHEHNSC…) are accepted for any PLAD.',
  source: 'ACP 117',
  fixable: false,
  examples: {
    fail: { edits: [['TO RUEHFR/AMEMBASSY PARIS', 'TO RUEHLO/AMEMBASSY PARIS']], span: '9:4-9:10' },
    pass: { edits: [['TO RUEHFR/AMEMBASSY PARIS', 'TO AMEMBASSY PARIS']] },
  },
  check(_cable, report, ctx) {
    for (const { parts, base } of addressees(ctx)) {
      if (!parts.ri || !/^[RQ][A-Z]{3,7}$/.test(parts.ri)) continue
      const at: [number, number] = [base, base + parts.ri.length]
      const station = stationOf(parts.ri)
      // State collectives (RUCNMEM, RUCNASE…) are absent from ACP 117: an unknown RI before a collective is expected
      if (station === null && !isCollective(parts.plad)) {
        report({ message: `Unknown routing indicator \`${parts.ri}\``, at })
      }
      if (station === null) continue
      // only State posts (RUEH…) have one RI per PLAD; other families are gateways or relays serving many PLADs
      if (!parts.ri.startsWith('RUEH') || parts.ri === 'RUEHC') continue
      if (!sameStation(station, parts.plad)) {
        report({ message: `Routing indicator \`${parts.ri}\` is ${station}, not ${parts.plad}`, at })
      }
    }
  },
})

export const env017 = defineRule({
  id: 'ENV-017',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'A message continuity number is 4 digits and appears only on State (RUEH…) addressees, never on collectives',
  rationale: 'MCNs are kept per State activity so a post can detect missing traffic; collectives and other agencies keep no such count.',
  source: '5 FAH-2 H-321.7/.8 (via cablemap); observed',
  fixable: true,
  examples: {
    fail: { edits: [['PARIS IMMEDIATE 4521', 'PARIS IMMEDIATE 451']], span: '9:37-9:40' },
    pass: { edits: [['PARIS IMMEDIATE 4521', 'PARIS IMMEDIATE 0451']] },
  },
  check(_cable, report, ctx) {
    for (const { parts, base } of addressees(ctx)) {
      if (!parts.mcn) continue
      const start = base + parts.mcnStart
      const at: [number, number] = [start, start + parts.mcn.length]
      if (isCollective(parts.plad)) report({ message: `MCN \`${parts.mcn}\` on collective ${parts.plad}`, at })
      else if (parts.ri && !isStateStation(parts.ri)) report({ message: `MCN \`${parts.mcn}\` on a non-State addressee (${parts.ri})`, at })
      else if (!/^\d{4}$/.test(parts.mcn)) {
        const fix = parts.mcn.length < 4 ? { start, end: at[1], text: parts.mcn.padStart(4, '0') } : undefined
        report({ message: `Unexpected MCN \`${parts.mcn}\`, expected 4 digits`, at, fix })
      }
    }
  },
})

export const env018 = defineRule({
  id: 'ENV-018',
  level: { compose: 'error', archive: 'error' },
  summary: 'XMT lines follow a collective addressee',
  rationale: 'XMT excludes members of the preceding collective; without a collective it excludes nothing, and some released cables misuse it as an address.',
  source: '5 FAH-2 H-321.9',
  fixable: false,
  examples: {
    fail: { edits: [['RUEHLO/AMEMBASSY LONDON PRIORITY 7788\n', 'RUEHLO/AMEMBASSY LONDON PRIORITY 7788\nXMT AMEMBASSY ROME\n']], span: '11:1-11:19' },
    pass: { edits: [['COLLECTIVE PRIORITY\n', 'COLLECTIVE PRIORITY\nXMT AMEMBASSY ROME\n']] },
  },
  check(_cable, report, ctx) {
    let lastPlad: string | null = null
    let inXmt = false
    for (const { line, parts } of addressees(ctx)) {
      if (line.fl === 'xmt') {
        const starts = line.text.startsWith('XMT')
        if (starts) inXmt = true
        if (starts && (lastPlad === null || !isCollective(lastPlad))) {
          report({ message: `XMT ${line.value} follows ${lastPlad ?? 'no addressee'}, not a collective`, at: [line.start, line.start + line.text.trimEnd().length] })
        }
        continue
      }
      if (!inXmt || line.text.match(/^(TO|INFO)\s/)) inXmt = false
      lastPlad = parts.plad
    }
  },
})

export const env019 = defineRule({
  id: 'ENV-019',
  level: { compose: 'off', archive: 'info' },
  summary: 'FL2 routing indicators are among the addressees’ RIs (or their collectives’)',
  rationale: 'Notes relay copies: FL2 lists where this copy was relayed, which need not be the address list (07BERN881 names Recife). Informational, archive only.',
  source: 'ACP 117 para 2; observed',
  fixable: false,
  examples: {
    fail: { edits: [['OO RUEHFR RUEHLO', 'OO RUEHFR RUEHRG']], span: '4:11-4:17' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const all = addressees(ctx)
    const ris = new Set<string>()
    for (const a of all) if (a.parts.ri !== null) ris.add(a.parts.ri)
    if (ris.size === 0) return
    // a collective written without its RI could cover any member post: nothing can be concluded
    for (const a of all) if (a.parts.ri === null && isCollective(a.parts.plad)) return
    let first = true
    for (const l of ctx.header) {
      if (l.fl !== 'fl2') continue
      TOKEN.lastIndex = 0
      // the first FL2 line opens with the precedence digraph, which is no RI
      if (first) TOKEN.exec(l.text)
      first = false
      for (let t = TOKEN.exec(l.text); t !== null; t = TOKEN.exec(l.text)) {
        const ri = t[0]
        // US collective RIs arrive with the 2nd letter changed H→U (ACP 117 para 11)
        if (ris.has(ri) || (ri.startsWith('RU') && (ris.has(`RH${ri.slice(2)}`) || (ri.startsWith('RUEU') && ris.has(`RUEH${ri.slice(4)}`))))) continue
        report({ message: `FL2 relays to \`${ri}\`, which is not an addressee’s RI (relay copy)`, at: [l.start + t.index, l.start + t.index + ri.length] })
      }
    }
  },
})
