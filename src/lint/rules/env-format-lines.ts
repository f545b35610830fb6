import { defineRule } from '../types.js'
import type { HeaderLine } from '../header-lines.js'
import type { LintContext } from '../context.js'

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

export const linesOf = (ctx: LintContext, fl: HeaderLine['fl']): readonly HeaderLine[] => ctx.headerOfKind(fl)
export const lineRange = (l: HeaderLine): [number, number] => [l.start, l.start + l.text.trimEnd().length]

const TOKEN = /\S+/g

/** The white-space separated tokens of a line with their offsets, as `[...text.matchAll(/\S+/g)]` has them. */
function tokensOf(text: string): Array<{ 0: string; index: number }> {
  const out: Array<{ 0: string; index: number }> = []
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) out.push({ 0: m[0], index: m.index })
  return out
}

function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365
}

export const env001 = defineRule({
  id: 'ENV-001',
  level: { compose: 'error', archive: 'error' },
  summary: 'FL1 (transmission identifier) is `VZCZC` + a 3-letter channel + a 3–4 digit sequence number',
  rationale: 'The communications terminal and relays recognise the start of a message by this line; a damaged FL1 means the copy was garbled in transit. Checked only when the header has an FL1 line: drafts and ACP-126-style headers start later.',
  source: '5 FAH-2 H-321.1; observed 4-digit CSN',
  fixable: false,
  examples: {
    fail: { edits: [['VZCZCXRO1234', 'VZCZCXRO12']], span: '3:1-3:11' },
    pass: { edits: [['VZCZCXRO1234', 'VZCZCXYZ001']] },
  },
  check(_cable, report, ctx) {
    for (const l of linesOf(ctx, 'fl1')) {
      if (!/^VZCZC[A-Z]{3}[0-9]{3,4}$/.test(l.text.trimEnd())) report({ message: `Unexpected FL1 \`${l.text.trimEnd()}\`, expected \`VZCZC\` + channel (3 letters) + sequence (3–4 digits)`, at: lineRange(l) })
    }
  },
})

export const env002 = defineRule({
  id: 'ENV-002',
  level: { compose: 'error', archive: 'error' },
  summary: 'FL2 is a precedence digraph (`ZZ`, `OO`, `PP`, `RR`) followed by at least one routing indicator',
  rationale: 'FL2 tells relays how fast to move the message and where; an unknown digraph or a missing routing indicator cannot be routed.',
  source: '5 FAH-2 H-321.2-1 a; ACP 121',
  fixable: false,
  examples: {
    fail: { edits: [['OO RUEHFR RUEHLO', 'OP RUEHFR RUEHLO']], span: '4:1-4:3' },
    pass: { edits: [['OO RUEHFR RUEHLO', 'OO RUEHFR']] },
  },
  check(_cable, report, ctx) {
    const first = linesOf(ctx, 'fl2')
    for (const [i, l] of first.entries()) {
      const tokens = tokensOf(l.text)
      const ris = i === 0 ? tokens.slice(1) : tokens
      if (i === 0 && !/^(ZZ|OO|PP|RR)$/.test(tokens[0]?.[0] ?? '')) {
        report({ message: `Unexpected precedence digraph \`${tokens[0]?.[0] ?? ''}\`, expected ZZ, OO, PP or RR`, at: [l.start, l.start + (tokens[0]?.[0].length ?? 0)] })
      }
      if (i === 0 && ris.length === 0) report({ message: 'FL2 names no routing indicator', at: lineRange(l) })
      for (const t of ris) {
        if (!/^R[A-Z]{3,6}$/.test(t[0])) report({ message: `Unexpected routing indicator \`${t[0]}\`, expected R + 3–6 letters`, at: [l.start + (t.index ?? 0), l.start + (t.index ?? 0) + t[0].length] })
      }
    }
  },
})

export const env005 = defineRule({
  id: 'ENV-005',
  level: { compose: 'error', archive: 'error' },
  summary: 'FL3 is `DE RI #ssss[/nn] jjjhhmm` with a real day of the year and time',
  rationale: 'FL3 identifies the originating station, its serial and the filing time; relays and the end-of-message validation (FL15) repeat the serial.',
  source: 'ACP 127',
  fixable: false,
  examples: {
    fail: { edits: [['DE RUEHC #2345/01 0451530', 'DE RUEHC #2345/01 3671530']], span: '5:19-5:26' },
    pass: { edits: [['DE RUEHC #2345/01 0451530', 'DE RUEHC #2345/01 0452359']] },
  },
  check(_cable, report, ctx) {
    for (const l of linesOf(ctx, 'fl3')) {
      const text = l.text.trimEnd()
      const m = /^DE R[A-Z]{3,6} #[0-9]{4}(?:\/[0-9]{2})? ([0-9]{3})([0-9]{2})([0-9]{2})$/.exec(text)
      if (!m) {
        report({ message: `Unexpected FL3 \`${text}\`, expected \`DE\` RI \`#\`ssss[/nn] jjjhhmm`, at: lineRange(l) })
        continue
      }
      const day = Number(m[1])
      const at: [number, number] = [l.start + text.length - 7, l.start + text.length]
      const max = ctx.year ? daysInYear(ctx.year) : 366
      if (day < 1 || day > max) report({ message: `Day of year ${m[1]} does not exist${ctx.year ? ` in ${ctx.year}` : ''}`, at })
      else if (Number(m[2]) > 23 || Number(m[3]) > 59) report({ message: `Filing time ${m[2]}${m[3]} is not a time of day`, at })
    }
  },
})

export const env010 = defineRule({
  id: 'ENV-010',
  level: { compose: 'error', archive: 'error' },
  summary: 'FL5 is one or two precedence letters and a real date-time group `DDHHMMZ MON YY`',
  rationale: 'The DTG is the official date and time of the message and part of how it is cited; an impossible DTG makes the cable uncitable.',
  source: 'ACP 127',
  fixable: false,
  examples: {
    fail: { edits: [['O 141520Z FEB 09', 'O 301520Z FEB 09']], span: '7:3-7:17' },
    pass: { edits: [['O 141520Z FEB 09', 'O 281520Z FEB 09']] },
  },
  check(_cable, report, ctx) {
    for (const l of linesOf(ctx, 'fl5')) {
      const text = l.text.trimEnd()
      const m = /^[ZOPR](?: [ZOPR])? (([0-3][0-9])([0-2][0-9])([0-5][0-9])Z ([A-Z]{3}) ([0-9]{2}))(?: Z[A-Z0-9]+)*$/.exec(text)
      if (!m) {
        report({ message: `Unexpected FL5 \`${text}\`, expected precedence letter(s) and \`DDHHMMZ MON YY\``, at: lineRange(l) })
        continue
      }
      const month = MONTHS.indexOf(m[5])
      const year = 2000 + Number(m[6]) - (Number(m[6]) >= 50 ? 100 : 0)
      const day = Number(m[2])
      const valid = month >= 0 && Number(m[3]) < 24 && day >= 1 && new Date(Date.UTC(year, month, day)).getUTCMonth() === month
      const start = l.start + text.indexOf(m[1])
      if (!valid) report({ message: `Date-time group \`${m[1]}\` is not a real date and time`, at: [start, start + m[1].length] })
    }
  },
})

export const env020 = defineRule({
  id: 'ENV-020',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'FL4 operating signals after the security group are `Z` + two letters',
  rationale: 'Operating signals (ZZH, ZFD, ZZK) are three-letter Z codes; anything else in FL4 is noise or damage.',
  source: 'ACP 131 convention',
  fixable: false,
  examples: {
    fail: { edits: [['ZNY CCCCC ZZH', 'ZNY CCCCC ZZH XYZ']], span: '6:15-6:18' },
    pass: { edits: [['ZNY CCCCC ZZH', 'ZNY CCCCC ZZH ZFD']] },
  },
  check(_cable, report, ctx) {
    for (const l of linesOf(ctx, 'fl4')) {
      const tokens = tokensOf(l.text)
      for (let k = 2; k < tokens.length; k++) {
        const t = tokens[k]
        if (!/^Z[A-Z]{2}$/.test(t[0])) report({ message: `Unexpected operating signal \`${t[0]}\`, expected Z + two letters`, at: [l.start + (t.index ?? 0), l.start + (t.index ?? 0) + t[0].length] })
      }
    }
  },
})
