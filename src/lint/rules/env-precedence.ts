import { isWithheldLine } from '../../format/withheld.js'
import { defineRule } from '../types.js'
import { addresseeLines } from '../header-lines.js'
import { letterOf, letterRank, parseAddressee } from '../addressee-line.js'
import type { LintContext } from '../context.js'
import { linesOf } from './env-format-lines.js'

/** Every addressee line with its parsed parts and the absolute offset of its text. */
// in archive mode a releasable rendering's placeholder among the addressees is a withheld addressee, no malformed one
export const addressees = (ctx: LintContext) =>
  ctx.memo('addressees', () =>
    addresseeLines(ctx.header)
      .filter((line) => !(ctx.mode === 'archive' && isWithheldLine(line.value)))
      .map((line) => ({ line, parts: parseAddressee(line.value), base: line.valueStart })),
  )

export const env003 = defineRule({
  id: 'ENV-003',
  level: { compose: 'error', archive: 'error' },
  summary: 'The FL2 digraph names the highest precedence found in FL5 and on the addressee lines',
  rationale: 'Relays queue the whole transmission by FL2; a digraph lower than an addressee’s precedence delays that addressee.',
  source: '5 FAH-2 H-321.2-1 b',
  fixable: true,
  examples: {
    fail: { edits: [['OO RUEHFR RUEHLO', 'PP RUEHFR RUEHLO']], span: '4:1-4:3' },
    pass: { edits: [['OO RUEHFR RUEHLO', 'OO RUEHFR RUEHLO RUEHZL']] },
  },
  check(_cable, report, ctx) {
    const fl2 = linesOf(ctx, 'fl2')[0]
    if (!fl2 || !/^(ZZ|OO|PP|RR)\b/.test(fl2.text)) return
    const letters: string[] = []
    for (const l of linesOf(ctx, 'fl5')) letters.push(...(/^([ZOPR])(?: ([ZOPR]))? /.exec(l.text)?.slice(1).filter(Boolean) ?? []))
    for (const { parts } of addressees(ctx)) {
      const letter = letterOf(parts.correction ?? parts.precedence ?? '')
      if (letter) letters.push(letter)
    }
    if (letters.length === 0) return
    const highest = letters.reduce((a, b) => (letterRank(b) < letterRank(a) ? b : a))
    const digraph = fl2.text.slice(0, 2)
    if (digraph !== highest + highest) {
      report({ message: `Unexpected digraph \`${digraph}\`, expected \`${highest}${highest}\` (highest precedence of FL5 and the addressees)`, at: [fl2.start, fl2.start + 2], fix: { start: fl2.start, end: fl2.start + 2, text: highest + highest } })
    }
  },
})

export const env004 = defineRule({
  id: 'ENV-004',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'A FLASH message addresses no one at a lower precedence (FLASH addressees need a separate transmission)',
  rationale: 'FLASH traffic is handled at once and must stay short; mixing it with lower precedences holds the other addressees to FLASH handling or delays the FLASH ones.',
  source: '5 FAH-2 H-321.2-1 b',
  fixable: false,
  examples: {
    fail: { edits: [['AMEMBASSY PARIS IMMEDIATE', 'AMEMBASSY PARIS FLASH']], span: '9:27-9:32' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const all = addressees(ctx)
    const flash = all.filter((a) => a.parts.precedence === 'FLASH')
    const lower = all.filter((a) => a.parts.precedence !== null && a.parts.precedence !== 'FLASH')
    if (flash.length === 0 || lower.length === 0) return
    for (const f of flash) {
      const start = f.base + f.parts.precedenceStart
      report({ message: `FLASH addressee sent together with ${lower.length} lower-precedence addressee(s); send FLASH separately`, at: [start, start + 5] })
    }
  },
})

export const env011 = defineRule({
  id: 'ENV-011',
  level: { compose: 'error', archive: 'error' },
  summary: 'With two FL5 precedence letters, the second (information) is lower than the first (action)',
  rationale: 'Dual precedence exists to send information copies slower than action copies; an equal or higher info precedence is a drafting error.',
  source: 'ACP 127 dual precedence',
  fixable: false,
  examples: {
    fail: { edits: [['O 141520Z FEB 09', 'P O 141520Z FEB 09']], span: '7:1-7:4' },
    pass: { edits: [['O 141520Z FEB 09', 'O P 141520Z FEB 09']] },
  },
  check(_cable, report, ctx) {
    for (const l of linesOf(ctx, 'fl5')) {
      const m = /^([ZOPR]) ([ZOPR]) /.exec(l.text)
      if (m && letterRank(m[2]) <= letterRank(m[1])) report({ message: `Info precedence \`${m[2]}\` is not lower than action precedence \`${m[1]}\``, at: [l.start, l.start + 3] })
    }
  },
})

export const env014 = defineRule({
  id: 'ENV-014',
  level: { compose: 'error', archive: 'error' },
  summary: 'Each addressee line is `[RI/]PLAD [precedence] [MCN]` with a precedence word from the allowed set',
  rationale: 'Terminals route and deliver by these parts; a misspelt precedence word is silently treated as none. Archive mode accepts the misspellings found in released cables (`PRIOITY`, `PIORITY`) as warnings.',
  source: '5 FAH-2 H-421',
  fixable: true,
  examples: {
    fail: { edits: [['AMEMBASSY LONDON PRIORITY', 'AMEMBASSY LONDON PRIOITY']], span: '10:30-10:37', mode: 'compose' },
    pass: { edits: [['AMEMBASSY LONDON PRIORITY', 'AMEMBASSY LONDON ROUTINE']], mode: 'compose' },
  },
  check(_cable, report, ctx) {
    for (const { line, parts, base } of addressees(ctx)) {
      if (parts.correction && parts.precedence) {
        const start = base + parts.precedenceStart
        const message = `Unexpected precedence \`${parts.precedence}\`, expected \`${parts.correction}\``
        // archive copies are history: the misspelling is flagged but is not what broke the cable
        report({ message: ctx.mode === 'archive' ? `${message} (misspelling accepted in archive mode)` : message, at: [start, start + parts.precedence.length], fix: { start, end: start + parts.precedence.length, text: parts.correction }, cap: ctx.mode === 'archive' ? 'warning' : undefined })
        continue
      }
      // DoD PLADs carry office symbols between slashes (`SECDEF WASHINGTON DC//USD:SOLIC//`)
      const plad = parts.plad.includes('//') ? parts.plad.replace(/\/\/[^/]*\/\//g, '') : parts.plad
      // a first word joined to the rest by one slash is a routing indicator the parser cannot read (`ZEN/`, `DJ/`,
      // `RUEH1/`): it read no RI, so the line's PLAD is no PLAD
      const unreadRoute = /^[^\s/]+\/(?!\/)/.test(parts.plad)
      const bad = parts.plad === '' || unreadRoute || !/^[A-Z0-9][A-Z0-9 .,&'()\-/]*$/.test(plad) || (parts.ri !== null && !/^[RQ][A-Z]{3,7}$/.test(parts.ri))
      if (bad) report({ message: `Addressee \`${line.value}\` does not parse as [RI/]PLAD [precedence] [MCN]`, at: [base, base + line.value.length] })
    }
  },
})

export const env015 = defineRule({
  id: 'ENV-015',
  level: { compose: 'error', archive: 'error' },
  summary: '`NIACT` appears only as `NIACT IMMEDIATE` and only on action (TO) addressees',
  rationale: 'NIACT wakes the named action officer at night; on an information addressee or without IMMEDIATE it has no defined meaning.',
  source: '5 FAH-2 H-421.2',
  fixable: false,
  examples: {
    fail: { edits: [['AMEMBASSY LONDON PRIORITY', 'AMEMBASSY LONDON NIACT IMMEDIATE']], span: '10:30-10:45' },
    pass: { edits: [['AMEMBASSY PARIS IMMEDIATE', 'AMEMBASSY PARIS NIACT IMMEDIATE'], ['¶1. (C) This is an action request', '¶1. (C) NIACT: reply due; an action request']] },
  },
  check(_cable, report, ctx) {
    for (const { line, parts, base } of addressees(ctx)) {
      if (parts.precedence === 'NIACT') report({ message: 'Unexpected `NIACT` alone, expected `NIACT IMMEDIATE`', at: [base + parts.precedenceStart, base + parts.precedenceStart + 5] })
      else if (parts.precedence === 'NIACT IMMEDIATE' && line.fl !== 'to') {
        report({ message: `NIACT IMMEDIATE on an ${line.fl.toUpperCase()} addressee; NIACT applies to action addressees only`, at: [base + parts.precedenceStart, base + parts.precedenceStart + 15] })
      }
    }
  },
})
