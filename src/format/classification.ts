import { CAPTION_PHRASES, CAPTION_RUN_SOURCE } from './captions.js'
import { codeAt, foldAsciiCode } from './char-codes.js'

/**
 * Classification levels, class-line words, portion marks and caveats (spec §5.2, §7).
 */

/** Rank of each level; administrative controls (SBU, LOU, FOUO) sit between U and C for ordering. */
export const LEVEL_RANK = {
  UNCLASSIFIED: 0,
  SBU: 1,
  CONFIDENTIAL: 2,
  SECRET: 3,
  'TOP SECRET': 4,
} as const

export type Level = keyof typeof LEVEL_RANK

/**
 * The classification label of a cable filed at TOP SECRET because a marking in it cannot be read: what the API,
 * exports, facets and result lists show for it, so nobody takes it for a cable marked TOP SECRET or for one
 * without marking. `classification:"TOP SECRET (marking not understood)"` selects those cables.
 */
export const UNREADABLE_MARKING_LABEL = 'TOP SECRET (marking not understood)'

/** Captions that restrict who may read a cable (dissemination and distribution controls). */
export const RESTRICTIVE_CAVEATS = ['NOFORN', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'ORCON', 'CHEROKEE', 'SPECAT'] as const

/**
 * Caption → the caveats a reader must hold. Aliases fold onto one caveat (spec §7 rule 5: NODIF and SPECAT
 * EXCLUSIVE read as NODIS; CHEROKEE implies NODIS). Captions missing here (SIPDIS, SENSITIVE, NOTAL) restrict
 * nobody. The archive's filters and messaging's access rule both read this one table.
 */
const CAPTION_CAVEATS: Readonly<Record<string, readonly string[]>> = {
  NOFORN: ['NOFORN'],
  NODIS: ['NODIS'],
  NODIF: ['NODIS'],
  EXDIS: ['EXDIS'],
  LIMDIS: ['LIMDIS'],
  STADIS: ['STADIS'],
  ORCON: ['ORCON'],
  CHEROKEE: ['CHEROKEE', 'NODIS'],
  SPECAT: ['SPECAT'],
  'SPECAT EXCLUSIVE': ['SPECAT', 'NODIS'],
  // channels and captions that restrict delivery with no caveat of their own (data/captions.tsv) read as the
  // caveat whose reach they have, failing closed: EYES ONLY and the AGRMENT and ROGER channels go only to named
  // principals (NODIS's reach), the DISSENT channel to those with an essential need (EXDIS's), CONDIS is a
  // controlled internal distribution (LIMDIS's)
  'EYES ONLY': ['NODIS'],
  AGRMENT: ['NODIS'],
  'ROGER CHANNEL': ['NODIS'],
  'DISSENT CHANNEL': ['EXDIS'],
  CONDIS: ['LIMDIS'],
}

/** The caveats a caption demands of its reader; [] for captions that restrict nobody. */
export function caveatsOfCaption(caption: string): string[] {
  return [...(captionEntry(caption) ?? [])]
}

/** A caption's entry of CAPTION_CAVEATS, read in any case and spacing; undefined for captions that restrict nobody. */
const captionEntry = (caption: string): readonly string[] | undefined => CAPTION_CAVEATS[caption.trim().toUpperCase().replace(/\s+/g, ' ')]

const spaced = (word: string) => word.split('').join(' ?')

/** Class words as they open the text, in any case and letter spacing. */
export const CLASS_WORD_SOURCE = [
  `UNCLAS(?:SIFIED|SIFED)?(?: ?E ?F ?T ?O)?`,
  `LIMITED OFFICIAL USE`,
  `${spaced('TOP')} +${spaced('SECRET')}`,
  spaced('CONFIDENTIAL'),
  spaced('SECRET'),
].join('|')

/**
 * Whether a line may open with a class word (`CLASS_WORD_SOURCE`, any case) after spaces and tabs, by its first
 * three letters: U N C, L I M, T O P, C O N, S E C, a space allowed before the second and third letters of the last
 * three (`T O P`, `C O N…`, `S E C…`). A screen before `CLASS_LINE` on lines of running text, where the pattern
 * fails after its call has cost several times this test; a line opening with other white space is left to the
 * caller's own screen.
 */
export function mayOpenClassWord(t: string): boolean {
  let i = 0
  while (codeAt(t, i) === 32 || codeAt(t, i) === 9) i++
  return opensClassWordAt(t, i)
}

/**
 * `mayOpenClassWord` for a line whose class word would start at `i` (after the white space `^\s*` takes): the three
 * letters every spelling opens with (two were not enough: `Co…`, `to …` and `Se…` open many lines of running text).
 */
export function opensClassWordAt(t: string, i: number): boolean {
  const c0 = foldAsciiCode(codeAt(t, i))
  // the spaced spellings (`T ?O ?P`, `C ?O ?N…`, `S ?E ?C…`) allow one blank before each of the next letters
  const spaced = c0 === 0x74 || c0 === 0x63 || c0 === 0x73
  let j = i + 1
  if (spaced && codeAt(t, j) === 32) j++
  const c1 = foldAsciiCode(codeAt(t, j))
  j++
  if (spaced && codeAt(t, j) === 32) j++
  const c2 = foldAsciiCode(codeAt(t, j))
  switch (c0) {
    case 0x75 /* u */:
      return c1 === 0x6e /* n */ && c2 === 0x63 /* c */
    case 0x6c /* l */:
      return c1 === 0x69 /* i */ && c2 === 0x6d /* m */
    case 0x74 /* t */:
      return c1 === 0x6f /* o */ && c2 === 0x70 /* p */
    case 0x63 /* c */:
      return c1 === 0x6f /* o */ && c2 === 0x6e /* n */
    case 0x73 /* s */:
      return c1 === 0x65 /* e */ && c2 === 0x63 /* c */
    default:
      return false
  }
}

/**
 * A release list a class line joins with `//` (`SECRET//REL TO USA, GBR QUORIN 000801`, `SECRET//REL TO USA ONLY
 * QUORIN 000802`; QA 14 round 11, F1): country codes of two to four letters separated by commas, an optional closing
 * `ONLY`. Without it the comma ended the class line's syntax and the line was read as no class line (the cable filed
 * with no level stated) or with `TO USA ONLY` in its post name. Several words without commas stay the post's.
 */
const REL_LIST = `REL(?:EASABLE)?(?:[ \t]+TO)?[ \t]+[A-Za-z]{2,4}(?:[ \t]*,[ \t]*(?:AND[ \t]+)?[A-Za-z]{2,4})*(?:[ \t]+ONLY)?`

/**
 * A one-word caption letter-spaced after `//` (`S E C R E T // N O F O R N QUORIN 000801`, QA 14 round 10, F7): the
 * caption table's words only, so the letters of a post name that follows are never taken for a control.
 */
const SPACED_CONTROLS = CAPTION_PHRASES.filter((p) => !p.includes(' ')).map((p) => p.split('').join(' ')).join('|')
/**
 * The controls a class line may join to its class word with `//` or `/` (`S E C R E T//NF`, `SECRET//ORCON/NOFORN`,
 * `SECRET // NOFORN//SI`, `S E C R E T/NF`): words of letters (or `FOR OFFICIAL USE ONLY`, `SPECAT EXCLUSIVE`) separated by `/` or `//`.
 * Only their shape: what they say is read by the marking parser (`classLineMarking`), as a portion mark is.
 */
const CLASS_LINE_CONTROLS = `[ \\t]*\\/{1,2}[ \\t]*${controlWord()}(?:[ \\t]*\\/{1,2}[ \\t]*${controlWord()})*`
function controlWord(): string {
  return `(?:${REL_LIST}|FOR +OFFICIAL +USE +ONLY|SPECAT +EXCLUSIVE|${SPACED_CONTROLS}|[A-Za-z]+)(?![A-Za-z])`
}

/**
 * A classification line: class word (with the controls it joins with `//`, `S E C R E T//NF`: the marking
 * `classLineMarking` reads), optional SECTION nn OF mm (after caption words, when the line carries them there:
 * `S E C R E T NODIS SECTION 01 OF 02 …`, read by `captionsBeforeSection`), MRN origin and serial.
 *   C O N F I D E N T I A L SECTION 01 OF 02 HARARE 005461
 *   ^class                  ^section         ^origin ^serial
 */
export const CLASS_LINE = new RegExp(
  `^(\\s*)((?:${CLASS_WORD_SOURCE})(?:${CLASS_LINE_CONTROLS})?)(?:(?:\\s+${CAPTION_RUN_SOURCE})?\\s+SECTION\\s+(\\d{1,2})\\s+OF\\s+(\\d{1,2}))?\\s+([A-Za-z][A-Za-z .'&-]*?)\\s+(\\d{3,7})\\b(.*)$`,
  'i',
)

/** A line that holds nothing but a class word (legacy banners, e-mail printouts). */
export const CLASS_WORD_ONLY = new RegExp(`^\\s*(${CLASS_WORD_SOURCE})\\s*$`, 'i')

// class words come in a handful of spellings: each is folded once (bounded, so odd input cannot grow it)
const levelOfWord = new Map<string, Level>()

/**
 * Maps a class word as written (`C O N F I D E N T I A L`, `Unclas`) to its level. The level is read from the
 * start of the text, so a word handed over with more after it (`S E C R E T SECTION 01 OF 02`, `CONFIDENTIAL
 * PAGE 01`) keeps its level rather than falling to UNCLASSIFIED (fail closed, spec §5.2, §5.3).
 */
export function levelOfClassWord(word: string): Level {
  let level = levelOfWord.get(word)
  if (level === undefined) {
    level = foldClassWord(word)
    // Stryker disable next-line all: the bound only limits memory; cached or not, the level is folded from the same word
    if (levelOfWord.size < 256) levelOfWord.set(word, level)
  }
  return level
}

function foldClassWord(word: string): Level {
  // every blank goes, one by one: `T O P  S E C R E T` → TOPSECRET
  const w = word.toUpperCase().replace(/\s/g, '')
  if (w.startsWith('TOPSECRET')) return 'TOP SECRET'
  if (w.startsWith('SECRET')) return 'SECRET'
  if (w.startsWith('CONFIDENTIAL')) return 'CONFIDENTIAL'
  if (w.startsWith('LIMITEDOFFICIALUSE')) return 'SBU'
  return 'UNCLASSIFIED'
}

/** The class word the canonical renderer writes for a level (spaced letters for classified text). */
export function classWordFor(level: Level, spacedForm: boolean): string {
  switch (level) {
    case 'TOP SECRET':
      return spacedForm ? 'T O P S E C R E T' : 'TOP SECRET'
    case 'SECRET':
      return spacedForm ? 'S E C R E T' : 'SECRET'
    case 'CONFIDENTIAL':
      return spacedForm ? 'C O N F I D E N T I A L' : 'CONFIDENTIAL'
    case 'SBU':
      return 'LIMITED OFFICIAL USE'
    default:
      return 'UNCLAS'
  }
}

/**
 * Cablegate's metadata value for a cable: level plus `//NOFORN`, every other caveat left off; SBU-controlled
 * unclassified text is `UNCLASSIFIED//FOR OFFICIAL USE ONLY`. The publisher's vocabulary, not the archive's label
 * (`classificationLabel`), which writes every caveat the text states.
 */
export function publisherClassification(level: Level, caveats: readonly string[]): string {
  const noforn = caveats.includes('NOFORN')
  switch (level) {
    case 'UNCLASSIFIED':
      return 'UNCLASSIFIED'
    case 'SBU':
      return 'UNCLASSIFIED//FOR OFFICIAL USE ONLY'
    default:
      return noforn ? `${level}//NOFORN` : level
  }
}

/**
 * The order the caveats of a classification label are written in: the dissemination controls in the order of the
 * US marking system (ORCON before NOFORN: `CONFIDENTIAL//ORCON/NOFORN`), then State's distribution captions from
 * the narrowest (spec §7 rule 5: NODIS > EXDIS > LIMDIS > STADIS), then the channels (CHEROKEE, SPECAT).
 */
const LABEL_ORDER: readonly string[] = ['ORCON', 'NOFORN', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'CHEROKEE', 'SPECAT']

/**
 * The classification label of a text: its level, then every restrictive caveat it is filed under (of
 * `RESTRICTIVE_CAVEATS`; others are ignored), `/`-separated after `//` in `LABEL_ORDER`: `SECRET//NOFORN`,
 * `CONFIDENTIAL//ORCON/NOFORN`, `SECRET//NOFORN/EXDIS`. An SBU text is `UNCLASSIFIED//FOR OFFICIAL USE ONLY`, its
 * caveats after a `/`. Where the publisher's vocabulary (`publisherClassification`, NOFORN alone) differs from the
 * text, the archive, its facets and the parser keep the text's (issue 13); `parseMarking` reads every label back
 * to the same level and caveats.
 *
 * @example
 *   classificationLabel('CONFIDENTIAL', ['NOFORN', 'ORCON']) // 'CONFIDENTIAL//ORCON/NOFORN'
 *   classificationLabel('SBU', ['NOFORN'])                   // 'UNCLASSIFIED//FOR OFFICIAL USE ONLY/NOFORN'
 */
export function classificationLabel(level: Level, caveats: readonly string[]): string {
  const written = LABEL_ORDER.filter((c) => caveats.includes(c))
  if (level === 'SBU') return ['UNCLASSIFIED//FOR OFFICIAL USE ONLY', ...written].join('/')
  return written.length ? `${level}//${written.join('/')}` : level
}

/**
 * The label every output shows for a filing (QA 14 round 11, F2): `cable show`, search results in every format (table,
 * JSON, JSONL, CSV, HTTP /api/search) alike. A filing's `classification` (`classificationLabel`) writes every
 * restricting caveat it is filed under, except when no label can say them: a cable whose marking is not understood
 * (`UNREADABLE_MARKING_LABEL`: a mark nobody can read, `(TS//SI//NF)`, that still names NOFORN) and one whose level
 * nothing states (null). Those get the caveats they are filed under written after `//`, as a label writes them
 * (`TOP SECRET (marking not understood)//NOFORN`, `unknown//NOFORN`); a label that writes them all is returned as
 * it is, and null stays null when no caveat is filed. What it names is the filing's, which the archive computes from
 * the whole text, never from the reader's rendering: it is the same for every reader shown the cable.
 *
 * @example
 *   filingLabel('TOP SECRET (marking not understood)', ['NOFORN']) // 'TOP SECRET (marking not understood)//NOFORN'
 *   filingLabel('SECRET//NOFORN', ['NOFORN'])                       // 'SECRET//NOFORN'
 *   filingLabel(null, [])                                          // null
 */
export function filingLabel(classification: string | null, caveats: readonly string[]): string | null {
  const written = new Set((classification ?? '').toUpperCase().split(/[^A-Z]+/))
  // the restricting caveats in a label's order, then any other a source filed (`FGI`), as `cable show` always listed them
  const missing = [...LABEL_ORDER.filter((c) => caveats.includes(c)), ...caveats.filter((c) => !LABEL_ORDER.includes(c))].filter((c) => !written.has(c))
  if (!missing.length) return classification
  return `${classification ?? 'unknown'}//${missing.join('/')}`
}

/**
 * The overall classification of a text from its class-line level and captions (`classificationLabel`): every
 * restrictive caveat its captions demand is written, in the text's terms; unclassified text under a control
 * (SENSITIVE, or NOFORN) is FOR OFFICIAL USE ONLY, as the publisher files it.
 *
 * @example overallClassification('CONFIDENTIAL', ['ORCON', 'NOFORN', 'SIPDIS']) // 'CONFIDENTIAL//ORCON/NOFORN'
 */
export function overallClassification(level: Level, captions: readonly string[]): string {
  const sbu = level === 'UNCLASSIFIED' && (captions.includes('SENSITIVE') || captions.includes('NOFORN'))
  // the caveats of every caption in turn (`caveatsOfCaption`, without its copy of each table entry and flatMap's
  // generic path: this runs for every cable parsed)
  // Stryker disable next-line ArrayDeclaration: classificationLabel writes only the caveats of LABEL_ORDER, so a word no caption names is dropped there
  const caveats: string[] = []
  // Stryker disable next-line ArrayDeclaration: the same: a word no caption names is dropped by classificationLabel
  for (const caption of captions) caveats.push(...(captionEntry(caption) ?? []))
  return classificationLabel(sbu ? 'SBU' : level, caveats)
}

/** Normalises a mark as written (`s/nf `) to `S/NF`. */
export function normalizeMark(text: string): string {
  if (/^[A-Z]+(?:\/\/?[A-Z]+)?$/.test(text)) return text
  return text.trim().toUpperCase().replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ')
}

/** FL4 security group letters for a level (spec §3.1). */
export function securityGroupFor(level: Level): string {
  switch (level) {
    case 'TOP SECRET':
      return 'TTTTT'
    case 'SECRET':
      return 'SSSSS'
    case 'CONFIDENTIAL':
      return 'CCCCC'
    default:
      return 'UUUUU'
  }
}

/**
 * Whether an FL4 security line (`ZNY CCCCC ZZH`) is exactly one of the forms spec §3.1 gives: `ZNR` or `ZNY`, a
 * security group of five letters of one level (`UUUUU`, `EEEEE`, `CCCCC`, `SSSSS`, `TTTTT`) or three of them and a
 * two-letter Transmission Release Code (`UUUAA`; A, B, C, O, U, X, Z), an optional `/FFFFF`, `/AAAAA` or `/BBBBB`,
 * then operating signals (`ZZH`). A line opening with `ZNR`/`ZNY` that is not (`ZNY SSSS`, four letters; `ZNY
 * SCSSS`) is a security warning nobody can read: callers fail closed on it.
 */
export function isKnownSecurityLine(line: string): boolean {
  return /^\s*ZN[RY]\s+([UECST])\1\1(?:\1\1|[ABCOUXZ]{2})(?:\/(?:FFFFF|AAAAA|BBBBB))?(?:\s+Z[A-Z]{2})*\s*$/.test(line)
}

/** A line that opens as an FL4 security warning (`ZNY …`, `ZNR …`), understood or not (`isKnownSecurityLine`). */
export const SECURITY_LINE_START = /^\s*ZN[RY]\b/

/** Level named by an FL4 security group (`CCCCC`), null when unknown. */
export function levelOfSecurityGroup(group: string): Level | null {
  switch (group.charAt(0)) {
    case 'T':
      return 'TOP SECRET'
    case 'S':
      return 'SECRET'
    case 'C':
      return 'CONFIDENTIAL'
    case 'U':
    case 'E':
      return 'UNCLASSIFIED'
    default:
      return null
  }
}
