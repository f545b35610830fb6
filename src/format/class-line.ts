import { gluedCaptions, leadingCaptions } from './captions.js'
import { CLASS_LINE, CLASS_WORD_ONLY, classWordFor, levelOfClassWord } from './classification.js'
import { isUnreadControl, markingParts, type MarkingParts } from './marking.js'
import { originRepairOf } from './ids.js'

/**
 * How far a class line goes (spec §5.2): the class word, `SECTION nn OF mm`, caption words before the origin
 * (`S E C R E T NODIS QUORIN 000611`), the MRN origin (at most `MAX_ORIGIN_WORDS` words: `RIO DE JANEIRO`,
 * `BANDAR SERI BEGAWAN`), its serial, and caption words or a section after the serial (`STATE 123456 NODIS`).
 * Pure.
 */

/** The longest station name written on a class line has four words (`PORT OF SPAIN`, `BANDAR SERI BEGAWAN`). */
const MAX_ORIGIN_WORDS = 4

/**
 * The length of the class-line statement a line opens with: the whole line when all of it is class-line syntax,
 * the class word (and section) alone when what stands where the origin goes is longer than a station name, the
 * statement up to the first word after the serial that is no caption or section. 0 when the line is no class
 * line. A releasable rendering shows that much and judges the rest as portion text.
 *
 * @example
 *   classLineLength('S E C R E T QUORIN 000611')                 // the whole line
 *   classLineLength('SECRET STATE 123456 NODIS THE PLAN WAS')    // up to and with 'NODIS'
 */
export function classLineLength(line: string): number {
  const text = line.replace(/\r?\n$/, '')
  if (CLASS_WORD_ONLY.test(text)) return line.length
  const m = CLASS_LINE.exec(text)
  if (!m) return 0
  const originWords = m[5].slice(leadOfOrigin(m[5]).originStart).trim().split(/\s+/)
  const tailAt = text.length - m[7].length
  if (originWords.length > MAX_ORIGIN_WORDS) {
    // the class word, and its captions and section: where the origin starts
    const classEnd = m[1].length + m[2].length
    const section = m[3] ? /^.*?\s+SECTION\s+\d{1,2}\s+OF\s+\d{1,2}/i.exec(text.slice(classEnd)) : null
    return classEnd + (section ? section[0].length : 0)
  }
  const at = tailAt + classLineTail(m[7]).end
  return isLineEnd(text.slice(at)) ? line.length : at
}

/**
 * Caption words a class line carries between its class word and `SECTION` (`S E C R E T NODIS SECTION 01 OF 02
 * QUORIN 000611`), each with its offset in the line; [] when the line has no section or nothing stands before it.
 * `m` is the line's `CLASS_LINE` match.
 */
export function captionsBeforeSection(line: string, m: RegExpExecArray): { caption: string; start: number; end: number }[] {
  if (!m[3]) return []
  const from = m[1].length + m[2].length
  const section = /\bSECTION\s+\d{1,2}\s+OF\s+\d{1,2}/i.exec(line.slice(from))
  if (!section) return []
  return leadingCaptions(line.slice(from, from + section.index)).map((c) => ({ caption: c.caption, start: from + c.start, end: from + c.end }))
}

/**
 * The class-line syntax after the serial (spec §5.2, §5.4): `SECTION nn OF mm` and caption words, spelt, spaced or
 * glued together (`NODIS`, `N O D I S`, `NO FORN`, `SIPDISNOFORN`), up to the first other word. The captions read
 * there (offsets in `rest`) and where that syntax ends: what a rendering shows of it is what the parser files.
 *
 * @example
 *   classLineTail(' NODIS SECTION 01 OF 02 THE PLAN') // { captions: [NODIS], end: 23 }
 */
export function classLineTail(rest: string): { captions: { caption: string; start: number; end: number }[]; end: number } {
  const captions: { caption: string; start: number; end: number }[] = []
  let at = 0
  for (;;) {
    const tail = rest.slice(at)
    const section = /^[\s.,;:/]*SECTION\s+\d{1,2}\s+OF\s+\d{1,2}\b/i.exec(tail)
    if (section) {
      at += section[0].length
      continue
    }
    const caps = leadingCaptions(tail)
    if (caps.length) {
      for (const c of caps) captions.push({ caption: c.caption, start: at + c.start, end: at + c.end })
      at += caps[caps.length - 1].end
      continue
    }
    // caption words glued to each other (`SIPDISNOFORN`), from here on, separators only between them
    const lead = /^[\s.,;:/]*/.exec(tail)![0].length
    const glued: { caption: string; start: number; end: number }[] = []
    let pos = lead
    for (const c of gluedCaptions(tail)) {
      if (c.start < lead || !/^[\s.,;:/]*$/.test(tail.slice(pos, c.start))) break
      glued.push(c)
      pos = c.end
    }
    if (!glued.length) break
    for (const c of glued) captions.push({ caption: c.caption, start: at + c.start, end: at + c.end })
    at += pos
  }
  return { captions, end: at }
}

/**
 * The class word of a class line's `CLASS_LINE` match (`m[2]`) and the controls it joins with `//`
 * (`S E C R E T//ORCON/NF`: word `S E C R E T`, controls `ORCON/NF` at offset 13 of `m[2]`); controls null when it
 * joins none.
 */
export function splitClassWord(written: string): { word: string; controls: string | null; controlsStart: number } {
  const at = written.indexOf('/')
  if (at === -1) return { word: written, controls: null, controlsStart: written.length }
  const slashes = written.startsWith('//', at) ? 2 : 1
  // Stryker disable next-line Regex: exec finds the leftmost match, and [ \t]* matches at 0 with or without the ^
  const start = at + slashes + /^[ \t]*/.exec(written.slice(at + slashes))![0].length
  return { word: written.slice(0, at).trimEnd(), controls: written.slice(start), controlsStart: start }
}

/**
 * The marking a class line states (spec §5.2, §7): its class word and the controls it joins with `//`
 * (`S E C R E T//NF` → `SECRET//NF`), read by THE marking parser (`markingParts`), as a portion mark is, so a class
 * line and a portion mark never read a control two ways: `NF` is NOFORN, `OC` ORCON, and a control the parser does
 * not read (`SI`, `ZZ`) makes the marking one nobody can read (`parts` null: the cable is filed TOP SECRET, marking
 * not understood, fail closed). Null for a class word that joins no controls. `written` is `m[2]` of a `CLASS_LINE`
 * match.
 *
 * @example
 *   classLineMarking('S E C R E T//ORCON/NF') // { marking: 'SECRET//ORCON/NF', parts: { level: 'SECRET', caveats: ['ORCON', 'NOFORN'], … } }
 *   classLineMarking('S E C R E T//SI')       // { marking: 'SECRET//SI', parts: null }
 */
export function classLineMarking(written: string): { marking: string; parts: MarkingParts | null } | null {
  const { word, controls: joined } = splitClassWord(written)
  if (joined === null) return null
  // a letter-spaced control after `//` (`S E C R E T // N O F O R N`) is the control it spells
  const controls = joined.replace(/(?<![A-Za-z])([A-Za-z]) (?=[A-Za-z](?![A-Za-z]))/g, '$1')
  const level = levelOfClassWord(word)
  // the class word as the parser reads it (`classWordFor`: LIMITED OFFICIAL USE for SBU), UNCLAS* written out, and the
  // controls without blanks around their slashes
  const marking = `${level === 'UNCLASSIFIED' ? 'UNCLASSIFIED' : classWordFor(level, false)}//${controls.replace(/[ \t]*\/[ \t]*/g, '/').toUpperCase()}`
  return { marking, parts: markingParts(marking) }
}

/** Nothing but blanks, or blanks and the backslash of a cables.csv line continuation (spec §10): the line ends here. */
export const isLineEnd = (rest: string): boolean => /^\s*\\?\s*$/.test(rest)

/**
 * The caption words and controls a class line writes between its class word and the MRN origin, separated by blanks
 * (spec §5.2, §7; QA 14 round 10, F5): captions as `captionsBeforeOrigin` reads them (`S E C R E T NODIS QUORIN
 * 000611`), and the marking parser's controls and their short forms, in capitals or letter-spaced (`SECRET NF QUORIN
 * 000814`: NF, `OC`, `FOUO`, and `SI`, `TK`, controls nobody here reads, `isUnreadControl`), which are the class
 * line's controls (read as if joined with `//`), not part of the post name. The post name is what follows; nothing
 * is taken when nothing would be left of it, or when the whole name is a station of the directory
 * (`originRepairOf`). `origin` is `m[5]` of a `CLASS_LINE` match; offsets are in it.
 *
 * @example
 *   leadOfOrigin('NF QUORIN')        // { captions: [], controls: [{ control: 'NF', start: 0, end: 2 }], originStart: 3 }
 *   leadOfOrigin('NODIS NF QUORIN')  // captions [NODIS], controls [NF], originStart 9
 */
export function leadOfOrigin(origin: string): {
  captions: { caption: string; start: number; end: number }[]
  controls: { control: string; start: number; end: number }[]
  originStart: number
} {
  const captions: { caption: string; start: number; end: number }[] = []
  const controls: { control: string; start: number; end: number }[] = []
  let at = 0
  for (;;) {
    const rest = origin.slice(at)
    const caps = leadingCaptions(rest)
    if (caps.length) {
      for (const c of caps) captions.push({ caption: c.caption, start: at + c.start, end: at + c.end })
      at += caps[caps.length - 1].end
      continue
    }
    // a control word in capitals, or letter-spaced (`N F`), followed by a blank or a `/`
    const w = /^[\s.,;:/]*([A-Z](?: [A-Z])+|[A-Z]+)(?=[\s/])/.exec(rest)
    const control = w ? w[1].replace(/ /g, '') : ''
    if (!w || !isControlWord(control)) break
    controls.push({ control, start: at + w[0].length - w[1].length, end: at + w[0].length })
    at += w[0].length
  }
  if (!captions.length && !controls.length) return { captions, controls, originStart: 0 }
  const originStart = at + /^[\s.,;:/]*/.exec(origin.slice(at))![0].length
  // nothing left of the post name, or the whole name is a station: no captions or controls
  if (originStart >= origin.trimEnd().length || (controls.length && originRepairOf(origin.trim().toUpperCase().replace(/\s+/g, ' ')).kind === 'known'))
    return { captions: [], controls: [], originStart: 0 }
  return { captions, controls, originStart }
}

/** A word the marking parser reads as a control after a level (`NF`, `OC`, `FOUO`), or a control nobody here reads (`SI`, `TK`). */
function isControlWord(word: string): boolean {
  return isUnreadControl(word) || markingParts(`SECRET//${word}`) !== null
}

/**
 * The marking a class line states (spec §5.2, §7): `classLineMarking` of its class word and the controls it joins
 * with `//`, together with the controls it writes before the origin separated by blanks (`leadOfOrigin`: `SECRET NF
 * QUORIN 000814` states `SECRET//NF`). Null when it states no controls. `m` is a `CLASS_LINE` match.
 */
export function classLineStatedMarking(m: RegExpExecArray): { marking: string; parts: MarkingParts | null } | null {
  const before = leadOfOrigin(m[5]).controls.map((c) => c.control)
  if (!before.length) return classLineMarking(m[2])
  const joined = splitClassWord(m[2]).controls
  return classLineMarking(`${m[2]}${joined === null ? '//' : '/'}${before.join('/')}`)
}
