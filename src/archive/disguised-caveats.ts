import type { Cable } from '../format/model.js'
import { CAPTION_PHRASES, captionsIn, isCaptionLine, leadingCaptions } from '../format/captions.js'
import { caveatsOfCaption } from '../format/classification.js'
import { headerCaptionBlocks, readCaptionBlock, spelledCaptions, writtenOutHandling } from '../format/caption-spellings.js'
import { CONTROL_SEQUENCE, markingParts, markSkeleton } from '../format/marking.js'

/**
 * The one-word captions that restrict readers (spec §5.4, §7 rule 4): the caption table's own words whose caveats
 * (`caveatsOfCaption`) are not empty, so a caption the table learns is read here too.
 */
// Stryker disable next-line MethodExpression,ConditionalExpression,LogicalOperator,EqualityOperator: the filter only keeps the set small: a word caveatWord sees holds no blank, and caveatsOfCaption gives [] for a phrase that restricts nobody
const RESTRICTING_WORDS: ReadonlySet<string> = new Set(CAPTION_PHRASES.filter((p) => !p.includes(' ') && caveatsOfCaption(p).length > 0))


/** Segments before the text that hold no captions. */
const NO_CAPTIONS: ReadonlySet<string> = new Set([
  // Stryker disable next-line StringLiteral: a blank segment holds no word, read or not
  'blank',
  'from', 'to', 'info', 'xmt', 'ref', 'classifiedBy', 'eo', 'tags', 'pageHeader',
])

/**
 * The restrictive caveats a cable's header spells in a form the caption reader does not take (spec §5.4, §7 rule 4):
 * a caption or class-line caveat written with lookalike, fullwidth, invisible or control characters (`NОFORN` with a
 * Cyrillic O, `ＮＯＦＯＲＮ`, `NO\u00adFORN`, `NODI\u200bS`), with a digit or a lower-case letter standing for a
 * capital (`NOF0RN`, `NODlS`, `N0DIS`), with a hyphen inside (`NO-FORN`), glued to other letters (`NOFORNSIPDIS`),
 * written out in words (`NOT FOR FOREIGN DISSEMINATION`, `NO FOREIGN DISSEM`), or as a delivery to one named addressee
 * (`FOR AMBASSADOR ONLY`: EYES ONLY). The header is read up to the first numbered paragraph, and again from each page
 * header to the next one (a later section's repeated header); in the text beyond, a line of caption words alone
 * (`NOFORN`) counts. A screen shows each as the caveat, so the cable demands it (fail closed): a reader without
 * NOFORN never reads a cable whose header shows NOFORN, however it is typed or wherever the wire repeats it. Words
 * written exactly on the header's caption lines (`NOFORN`, `noforn`) are the parser's, not listed here (QA 14 round 7,
 * findings F2 and F7).
 *
 * @example
 *   disguisedCaveats(parseCable('S E C R E T QUORIN 000001\n\nN\u041eFORN\nSIPDIS\n…')) // ['NOFORN']
 */
export function disguisedCaveats(cable: Cable): string[] {
  return readHeaderCaptions(cable).caveats
}

/**
 * What the header's caption lines demand beyond the parser's captions, in one pass: the restrictive caveats
 * `disguisedCaveats` lists, and the header zone's caption lines (`headerCaptionBlocks`: the caption block, and lines the parser took for no field after the subject, E.O. and TAGS lines) that state controls nobody here can read (`unreadable`, as written,
 * `controlsNobodyReads`: `SI`, `TK`, `SI/TK`, `HCS`), which file the cable TOP SECRET, marking not understood (fail
 * closed, as `(S//SI)` in a portion does).
 *
 * @example
 *   readHeaderCaptions(parseCable('S E C R E T QUORIN 000001\n\nN.O.F.O.R.N\nTK\n…')) // { caveats: ['NOFORN'], unreadable: ['TK'] }
 */
export function readHeaderCaptions(cable: Cable): { caveats: string[]; unreadable: string[] } {
  const found = new Set<string>()
  const unreadable: string[] = []
  // the header zone: up to the first numbered paragraph, and again from each page header to the next numbered
  // paragraph (a sectioned telegram repeats its class line and caption lines at the head of each section)
  let header = true
  let afterFirst = false
  // the header zone's caption lines, wherever they stand in it (under the class line, or after the subject, E.O. and
  // TAGS lines, where the parser takes a near miss or a handling line for no caption), read run by run as lint's
  // TXT-029 reads them: a near miss (`NOFRN`) is the caption it spells, a line of controls nobody reads (`TK`,
  // `HANDLE VIA COMINT CHANNELS ONLY`) holds the cable at the highest level
  const lines = cable.segments.flatMap((seg) => seg.raw.split('\n').map((text) => ({ text, kind: seg.kind })))
  for (const block of headerCaptionBlocks(lines)) {
    const read = readCaptionBlock(block.map((l) => l.text))
    for (const caption of read.captions) for (const caveat of caveatsOfCaption(caption)) found.add(caveat)
    for (const i of read.unreadable) if (!unreadable.includes(block[i].text.trim())) unreadable.push(block[i].text.trim())
  }
  for (const seg of cable.segments) {
    if (seg.kind === 'para') header = false
    else if (seg.kind === 'pageHeader') header = afterFirst = true
    if (!header) {
      // in the text, a line that is nothing but caption words is a caption line all the same (`NOFORN` under a
      // section's repeated class line the parser read as part of a paragraph): its restricting captions are demanded
      for (const line of seg.raw.split('\n')) if (isCaptionLine(line)) for (const c of leadingCaptions(line)) for (const caveat of caveatsOfCaption(c.caption)) found.add(caveat)
      continue
    }
    // captions also stand after the subject, E.O. and TAGS lines, where a caption the parser does not take is read as
    // text lines; addressees, subject, REF, E.O. and TAGS lines hold names and words of their own, no captions
    // an addressee's office note (`//FOR AMBASSADOR ONLY//`, `//NODIS//`) holds office codes; a restricting caption
    // written there is demanded all the same (QA 14 round 8, F1)
    if (ADDRESSEE_SEGMENTS.has(seg.kind)) for (const note of seg.raw.matchAll(OFFICE_NOTE)) for (const c of noteCaveats(note[1])) found.add(c)
    if (NO_CAPTIONS.has(seg.kind)) continue
    // control sequences show as nothing, and hold brackets that would split a word; a line holding one is read
    // whole as it shows (the parser saw the sequences)
    // a subject's own line is its words; a line the parser joined to it (a caption right under the subject line,
    // `NОFORN` it did not take for one) is read
    const raw = seg.kind === 'subject' ? seg.raw.replace(/^[^\n]*\n?/, '') : seg.raw
    const shown = raw.replace(CONTROL_SEQUENCE, '')
    const controlled = shown !== raw
    // every word, however long: invisible characters pad a caveat to any length (`NO` and 35 zero-width spaces and
    // `FORN` show as NOFORN), and the header is short
    for (const token of shown.split(/[\s.,;:/()[\]]+/)) {
      const word = caveatWord(token)
      if (word !== null && (controlled || word !== token.toUpperCase())) for (const c of caveatsOfCaption(word)) found.add(c)
      // a restricting word glued to other letters (`NOFORNSIPDIS`, `000255NOFORNSIPDISPLEASE`, `…/MKeshishianNODIS`):
      // wherever a screen shows it in capitals, the cable demands it, whatever the letters around it
      for (const m of token.matchAll(GLUED_WORD)) if (m[0] !== token) for (const c of caveatsOfCaption(m[0])) found.add(c)
    }
    // a control spelt out in words (`NOT FOR FOREIGN DISSEMINATION`, `NO FOREIGN DISSEM`, `EXCLUSIVE DISTRIBUTION`), and
    // a delivery to one named addressee (`FOR AMBASSADOR ONLY`), which the caption table's ONLY reads as EYES ONLY
    for (const [pattern, caption] of SPELLED_OUT) if (pattern.test(shown)) for (const c of caveatsOfCaption(caption)) found.add(c)
    for (const line of shown.split('\n')) {
      if (FOR_ADDRESSEE_ONLY.test(line) && !NOT_A_DELIVERY.test(line)) for (const c of caveatsOfCaption('EYES ONLY')) found.add(c)
      // a caveat's abbreviation alone on a line (`NF`, `NF/OC`): a marking of caveats only, which the marking parser
      // reads (a line of caption words is the parser's)
      const marking = line.trim() === '' || isCaptionLine(line) ? null : markingParts(line)
      if (marking !== null && marking.level === null) for (const c of marking.caveats) for (const caveat of caveatsOfCaption(c)) found.add(caveat)
      // after a page header, a section's repeated caption lines, which the parser reads as text (`NOFORN` then `SIPDIS`)
      if (afterFirst) for (const c of captionsIn(line)) for (const caveat of caveatsOfCaption(c.caption)) found.add(caveat)
      // a caption line spelt with separators between its letters (`N.O.F.O.R.N`, `N/O/D/I/S`, `NO/FORN`, `N_O_F_O_R_N`)
      // (a line of caption words as written is the parser's)
      if (!isCaptionLine(line)) for (const caption of spelledCaptions(line)) for (const caveat of caveatsOfCaption(caption)) found.add(caveat)
      // handling written out in words (ORCON in full): the caption it stands for; a control nobody here reads and a
      // near miss are read on the header's caption lines above (QA 14 round 10, F6)
      for (const caption of writtenOutHandling(line).captions) for (const caveat of caveatsOfCaption(caption)) found.add(caveat)
    }
  }
  return { caveats: [...found], unreadable }
}

/** Segments of addressee lines, whose office notes (`//…//`) are read for captions. */
const ADDRESSEE_SEGMENTS: ReadonlySet<string> = new Set(['from', 'to', 'info', 'xmt'])
/** An office note of an addressee line, its text in group 1 (spec §4.1). */
const OFFICE_NOTE = /\/\/([^\n]*?)\/\//g

/** A delivery to named addressees inside an office note (`//FOR AMBASSADOR ONLY//`, `//DCM EYES ONLY//`). */
const NOTE_DELIVERY = /(?:^|[\s/])(?:FOR[ \t]+[A-Za-z][A-Za-z0-9 .,'&()-]{0,80}?[ \t]+|EYES[ \t]+)ONLY(?![A-Za-z])/i

/** The caveats the restricting captions of an office note's text demand: its words, however typed, and a delivery to named addressees. */
function noteCaveats(note: string): string[] {
  const found: string[] = []
  for (const token of note.split(/[\s.,;:/()[\]]+/)) {
    const word = caveatWord(token)
    if (word !== null) found.push(...caveatsOfCaption(word))
  }
  for (const [pattern, caption] of SPELLED_OUT) if (pattern.test(note.trim())) found.push(...caveatsOfCaption(caption))
  // a delivery to named addressees anywhere in the note, whatever follows it (an office note is no sentence)
  if (NOTE_DELIVERY.test(note) && !NOT_A_DELIVERY.test(note.trim())) found.push(...caveatsOfCaption('EYES ONLY'))
  return found
}

/** A restricting caption word in capitals inside a longer token (`NOFORN` in `NOFORNSIPDIS`). */
const GLUED_WORD = new RegExp([...RESTRICTING_WORDS].sort((a, b) => b.length - a.length).join('|'), 'g')

/**
 * Dissemination and distribution controls written out in words (data/captions.tsv: NOFORN "not releasable to foreign
 * nationals", the older `NO FOREIGN DISSEM`, `NOT FOR FOREIGN DISSEMINATION`; NODIS, EXDIS, LIMDIS, STADIS, CONDIS
 * spelt `NO DISTRIBUTION` …), in any letter case: the caption each stands for.
 */
const SPELLED_OUT: ReadonlyArray<readonly [RegExp, string]> = [
  // foreign dissemination named in a header (`NO FOREIGN DISSEM`, `FOREIGN DISSEM NOT AUTHORIZED`), or release to
  // foreign nationals denied: the words of the control alone, read as NOFORN failing closed
  [/\bFOREIGN[\s-]+DISSEM/i, 'NOFORN'],
  [/\bNOT[\s-]+RELEASABLE[\s-]+TO[\s-]+FOREIGN\b/i, 'NOFORN'],
  [/\bORIGINATOR[\s-]+CONTROLLED\b/i, 'ORCON'],
  // the distribution captions written out (captions.tsv), as a line of their own: No, Exclusive, Limited, State,
  // Controlled Distribution (prose speaks of a limited distribution of food aid)
  [/^[ \t]*NO[ \t]+DISTRIBUTION(?:[ \t]+ONLY)?[ \t]*[.:;]?[ \t]*$/im, 'NODIS'],
  [/^[ \t]*EXCLUSIVE[ \t]+DISTRIBUTION(?:[ \t]+ONLY)?[ \t]*[.:;]?[ \t]*$/im, 'EXDIS'],
  [/^[ \t]*LIMITED[ \t]+DISTRIBUTION(?:[ \t]+ONLY)?[ \t]*[.:;]?[ \t]*$/im, 'LIMDIS'],
  [/^[ \t]*STATE[ \t]+(?:DEPARTMENT[ \t]+)?DISTRIBUTION(?:[ \t]+ONLY)?[ \t]*[.:;]?[ \t]*$/im, 'STADIS'],
  [/^[ \t]*CONTROLLED[ \t]+DISTRIBUTION(?:[ \t]+ONLY)?[ \t]*[.:;]?[ \t]*$/im, 'CONDIS'],
]

/**
 * A line that is wholly a delivery instruction to named addressees (captions.tsv `ONLY`: "for addressee(s) only",
 * deliver only to the named person): `FOR AMBASSADOR ONLY`, `FOR THE SECRETARY ONLY.`, `FOR ASSISTANT SECRETARY
 * SMITH EYES ONLY`, in any letter case. Read as EYES ONLY (NODIS's reach), failing closed: who else may read it
 * cannot be told. A line ending in a colon introduces text for some addressees (`FOR EU MEMBER STATES AND TOKYO ONLY:`),
 * and is none.
 */
const FOR_ADDRESSEE_ONLY = /^[ \t]*FOR[ \t]+[A-Za-z][A-Za-z0-9 .,'&/()-]{0,80}?[ \t]+(?:EYES[ \t]+)?ONLY[ \t]*\.?[ \t]*$/i
/** The caption table's other ONLY captions, which restrict a use, not who reads: FOR OFFICIAL USE ONLY (FOUO), BACKGROUND USE ONLY (BU). */
const NOT_A_DELIVERY = /^[ \t]*FOR[ \t]+(?:OFFICIAL|BACKGROUND)[ \t]+USE[ \t]+ONLY\b/i

/** The restricting word a token shows on a screen, null when it shows none. */
function caveatWord(token: string): string | null {
  const seen = markSkeleton(token)
    .replace(/[\s\u2010-\u2015-]/g, '')
    // a digit or a lower-case l standing for a capital among capitals (`NOF0RN`, `NODlS`)
    .replace(/0/g, 'O')
    .replace(/[1l|]/g, 'I')
    .toUpperCase()
  return RESTRICTING_WORDS.has(seen) ? seen : null
}
