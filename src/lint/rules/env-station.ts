import { idOrigin } from '../../format/ids.js'
import { levelOfSecurityGroup, securityGroupFor } from '../../format/classification.js'
import { defineRule } from '../types.js'
import { withheldWithin } from '../withheld.js'
import { originKey } from '../tables.js'
import { lineRange, linesOf } from './env-format-lines.js'

const FL3 = /^DE (R[A-Z]{3,6}) #([0-9]{4})(?:\/([0-9]{2}))? ([0-9]{3})([0-9]{2})([0-9]{2})\s*$/

export const env006 = defineRule({
  id: 'ENV-006',
  level: { compose: 'error', archive: 'error' },
  summary: 'The FL3 station serial number is the MRN serial modulo 10000',
  rationale: 'The station serial is the last four digits of the message reference number; a mismatch means header and text belong to different messages.',
  source: 'observed (seed, 07BERN881, 10STATE284)',
  fixable: false,
  examples: {
    fail: { edits: [['DE RUEHC #2345/01', 'DE RUEHC #2346/01']], span: '5:11-5:15' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const fl3 = linesOf(ctx, 'fl3')[0]
    const m = fl3 && FL3.exec(fl3.text)
    if (!fl3 || !m || !ctx.classLine) return
    const expected = String(Number(ctx.classLine.serial) % 10000).padStart(4, '0')
    const start = fl3.start + fl3.text.indexOf('#') + 1
    if (m[2] !== expected) report({ message: `Unexpected station serial \`${m[2]}\`, expected \`${expected}\` (MRN serial ${ctx.classLine.serial} mod 10000)`, at: [start, start + 4] })
  },
})

export const env007 = defineRule({
  id: 'ENV-007',
  level: { compose: 'error', archive: 'error' },
  summary: 'FL3 carries `/nn` exactly when the text has `SECTION nn OF mm`, with the same nn',
  rationale: 'Sections of a long cable travel as separate transmissions; FL3 and the class line must agree on which section this is. A `/01` on a cable without SECTION is accepted: released single-section cables carry it routinely.',
  source: 'observed',
  fixable: false,
  examples: {
    fail: { edits: [['DE RUEHC #2345/01', 'DE RUEHC #2345/02']], span: '5:16-5:18' },
    pass: { edits: [['DE RUEHC #2345/01', 'DE RUEHC #2345'], [' SECTION 01 OF 02', ''], ['STATE 00012345 002 OF 002\n\n', '']] },
  },
  check(_cable, report, ctx) {
    const fl3 = linesOf(ctx, 'fl3')[0]
    const m = fl3 && FL3.exec(fl3.text)
    if (!fl3 || !m || !ctx.classLine) return
    const section = ctx.classLine.section
    const slash = fl3.text.indexOf('/')
    // Cablegate copies mark single-section messages `/01` without a SECTION line (about 1 in 5): accepted
    if (m[3] && !section && m[3] !== '01') report({ message: `FL3 names section /${m[3]} but the class line has no SECTION`, at: [fl3.start + slash, fl3.start + slash + 3] })
    else if (!m[3] && section) report({ message: `Class line says SECTION ${section.number} OF ${section.of} but FL3 has no /nn`, at: lineRange(fl3) })
    else if (m[3] && section && Number(m[3]) !== section.number) report({ message: `Unexpected FL3 section \`/${m[3]}\`, expected \`/${String(section.number).padStart(2, '0')}\` as in the class line`, at: [fl3.start + slash + 1, fl3.start + slash + 3] })
  },
})

export const env008 = defineRule({
  id: 'ENV-008',
  level: { compose: 'warning', archive: 'warning' },
  summary: 'The FL3 filing time is not earlier than the FL5 date-time group',
  rationale: 'A message is filed after it is dated; a filing time before the DTG points to a wrong DTG or a wrong day of year.',
  source: 'observed',
  fixable: false,
  examples: {
    fail: { edits: [['#2345/01 0451530', '#2345/01 0451510']], span: '5:19-5:26' },
    pass: { edits: [['#2345/01 0451530', '#2345/01 0461200']] },
  },
  check(_cable, report, ctx) {
    const fl3 = linesOf(ctx, 'fl3')[0]
    const m = fl3 && FL3.exec(fl3.text)
    if (!fl3 || !m || !ctx.dtg || !ctx.year) return
    const filed = Date.UTC(ctx.year, 0, Number(m[4]), Number(m[5]), Number(m[6]))
    const dtg = ctx.dtg.getTime()
    // a DTG late in December filed early in January belongs to the next year: not comparable here
    if (filed < dtg && dtg - filed < 300 * 86_400_000) {
      const at = fl3.start + fl3.text.trimEnd().length - 7
      report({ message: `Filing time ${m[4]}${m[5]}${m[6]} is before the DTG`, at: [at, at + 7] })
    }
  },
})

export const env009 = defineRule({
  id: 'ENV-009',
  level: { compose: 'error', archive: 'error' },
  summary: 'The FL4 security group matches the classification of the text',
  rationale: 'Relays protect a message by its FL4 security warning; a lower FL4 than the text sends classified text over the wrong circuits.',
  source: 'JANAP 128 FL4; 5 FAH-2 H-222',
  fixable: true,
  examples: {
    fail: { edits: [['ZNY CCCCC ZZH', 'ZNR UUUUU ZZH']], span: '6:5-6:10' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const fl4 = linesOf(ctx, 'fl4')[0]
    if (!fl4 || !ctx.classLine || !ctx.level) return
    const group = /^ZN[A-Z] ([A-Z]{5})/.exec(fl4.text)?.[1]
    if (!group) return
    const level = ctx.level === 'SBU' ? 'UNCLASSIFIED' : ctx.level
    // a Transmission Release Code may replace the last two letters (ZNR UUUAA), so only the first three count
    if (levelOfSecurityGroup(group) !== level || group.slice(1, 3) !== group.charAt(0).repeat(2)) {
      const expected = securityGroupFor(level)
      report({ message: `Unexpected security group \`${group}\`, expected \`${expected}\` for ${level} text`, at: [fl4.start + 4, fl4.start + 9], fix: { start: fl4.start + 4, end: fl4.start + 9, text: expected } })
    }
  },
})

export const env012 = defineRule({
  id: 'ENV-012',
  level: { compose: 'error', archive: 'error' },
  summary: 'FL6 (`FM` originator) is present and its PLAD names the MRN origin',
  rationale: 'The originator is who speaks for the cable; its PLAD and the message reference number must name the same station. Records without any header (partial extracts) are not checked for presence.',
  source: '5 FAH-2 H-232',
  fixable: false,
  examples: {
    fail: { edits: [['FM SECSTATE WASHDC', 'FM AMEMBASSY ROME']], span: '8:4-8:18' },
    pass: { edits: [] },
  },
  check(_cable, report, ctx) {
    const fm = linesOf(ctx, 'fm')[0]
    if (!fm) {
      // a rendering that withholds text before the class line (archive mode) may withhold the FM line with it
      if (ctx.header.length > 0 && !withheldWithin(ctx, 0, ctx.classLine?.line.start)) report({ message: 'No FM line: the originator is missing', at: [ctx.header[0].start, ctx.header[0].start] })
      return
    }
    if (!ctx.classLine) return
    const plad = originKey(fm.value)
    const mrn = originKey(ctx.classLine.origin)
    const same = plad === mrn || plad.endsWith(mrn) || mrn.endsWith(plad) || idOrigin(plad) === idOrigin(mrn)
    if (!same) report({ message: `Originator \`${fm.value}\` does not match the MRN origin \`${ctx.classLine.origin.trim()}\``, at: [fm.valueStart, fm.valueStart + fm.value.length] })
  },
})
