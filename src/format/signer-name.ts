/**
 * The shape of a signer's name line (spec §5.11): what a release may show of a cable's closing lines whatever the
 * reader's clearance. Pure.
 */

/** An initial: `J`, `J.`, `J.R.` */
const INITIAL = /^(?:[A-Z]\.?|(?:[A-Z]\.){2,3})$/
/** A first name written in mixed case: `John`, `Mary-Ann`. */
const FIRST_NAME = /^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$/
/** A surname particle: `van`, `de`, `della`, also in capitals (`VAN VOORST`). */
const PARTICLE = /^(?:van|von|de|da|del|della|di|la|le|du|VAN|VON|DE|DA|DEL|DELLA|DI|LA|LE|DU)$/
/** A surname: `CLINTON`, `McCARTHY`, `O'BRIEN`, `SMITH-JONES`, glued names (`KEEGANPAAL`), a full stop after it (`BLAKE.`). */
const SURNAME = /^[A-Z][A-Za-z'-]*[A-Za-z]\.{0,2}$/
/** A generational suffix after the surname: `JR`, `Jr.`, `III`. */
const SUFFIX = /^(?:JR|SR|Jr|Sr|II|III|IV)\.?,?$/

/**
 * Whether a line is a signer's name as signatures are written (spec §5.11): one line of a surname (`CLINTON`,
 * `O'BRIEN`, `BLAKE.`, typed twice `RICE RICE`), or of a surname after initials or a first name (`J. SMITH`, `A.B.
 * SMITH`, `John Smith`, `Mary E. Smith`, `Ada de Quill`, `VAN VOORST`), with an optional suffix (`JR`), at most four
 * words. Any other run of capitalised words (`SOURCE OTTOM`, `MOLE OTTOM
 * TUESDAY`) may be unmarked text of the cable's level and is not a name: the release withholds it (fail closed,
 * a rare real signature written otherwise is withheld too).
 *
 * @example
 *   isSignerName('CLINTON')      // true
 *   isSignerName('J. SMITH')     // true
 *   isSignerName('SOURCE OTTOM') // false
 */
export function isSignerName(line: string): boolean {
  const written = line.trim().split(/[ \t]+/)
  if (line.trim().length > 40 || written.length > 5) return false
  const words = written.length > 1 && SUFFIX.test(written[written.length - 1]) ? written.slice(0, -1) : written
  // the same surname twice (`RICE RICE`: a signature typed twice)
  if (words.length === 2 && words[0].toUpperCase() === words[1].replace(/\.+$/, '').toUpperCase()) return SURNAME.test(words[1])
  if (words.length > 4) return false
  const surname = words[words.length - 1]
  if (!SURNAME.test(surname)) return false
  const before = words.slice(0, -1)
  // initials or first names, then particles right before the surname (`VAN VOORST`, `Ada de Quill`)
  let i = 0
  while (i < before.length && (INITIAL.test(before[i]) || FIRST_NAME.test(before[i]))) i++
  while (i < before.length && PARTICLE.test(before[i])) i++
  return i === before.length
}

/**
 * Which of a signature block's name lines (blank, class-word and trailer lines left out) is the signer's name a
 * release shows: the last, when it has a name's shape (`isSignerName`); -1 for none. The other lines, however
 * name-like (`QUILLFEATHER` above `OTTOM MOLE`, `End Text.` above `NEUMANN`), are the cable's text.
 */
export function signerLine(names: readonly string[]): number {
  const last = names.length - 1
  return last >= 0 && isSignerName(names[last]) ? last : -1
}

/** Words of a classifier's title and office (spec §5.6): `Acting Deputy Chief of Mission`, `Pol/Econ Counselor`, `CDA`. */
const TITLE_WORDS: ReadonlySet<string> = new Set(
  ('AMBASSADOR AMB DCM CDA CHARGE CHARG D\'AFFAIRES D\'AFFAIRS D,AFFAIRES D’AFFAIRES AFFAIRES AFFAIRS DEPUTY CHIEF MISSION POLITICAL POL POLCOUNS POLOFF ECON ECONOMIC ' +
    'ECONOFF POLCOUNSELOR COUNSELOR COUNCELOR COUNSELLOR COUNS MINISTER MC OFFICER OFFICE SECTION CONSUL CONSULATE GENERAL CG PRINCIPAL PO ACTING ' +
    'ASSISTANT SECRETARY UNDER DIRECTOR EMBASSY MISSION DEPARTMENT DEPT STATE US U.S. USG AFFAIRS MANAGEMENT PUBLIC DIPLOMACY ' +
    'DEFENSE ATTACHE REGIONAL SECURITY RSO HEAD UNIT COORDINATOR SPECIAL ENVOY REPRESENTATIVE PERMANENT ALTERNATE INTERIM ' +
    'A/S DAS PDAS CHAIR CHAIRMAN LEGAL ADVISOR ADVISER SENIOR JUNIOR FIRST SECOND THIRD ADMINISTRATIVE MILITARY MGMT ' +
    'POL/ECON POL-ECON POLECON INL DHS DEA FBI USAID LEGATT AMEMBASSY AMCONSUL USMISSION USEU USNATO USUN JR SR II III')
    .split(' '),
)
/** Small words of a title (`Chief of Mission`, `Counselor for Economic and Political Affairs`): allowed in lower case. */
const TITLE_CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', 'and', 'the', 'per', '&', 'de', 'van', 'von', 'da', 'del', 'della', 'di', 'la', 'le', 'du', 'in', 'at', 'to', "d'", 'd’'])
/** Words of a sentence or a report (verbs, pronouns, adverbs), in capitals: no name or title holds them. */
const PROSE_WORDS = /^(?:WILL|WOULD|SHALL|SHOULD|COULD|MUST|MAY|SAID|SAYS|SAY|TOLD|TELLS|HAS|HAVE|HAD|WAS|WERE|ARE|IS|BE|BEEN|THAT|THIS|THESE|THOSE|WHICH|WHO|WHOSE|WHOM|HE|SHE|IT|THEY|WE|I|YOU|HIS|HER|HIM|THEIR|ITS|OUR|NOT|NO|AS|BY|WITH|FROM|BUT|IF|OR|THAN|THEN|WHEN|WHERE|WHY|HOW|WHAT|ALL|ONLY|ALSO|VERY|NOW|TODAY|YESTERDAY|TOMORROW|AFTER|BEFORE|AGAIN|SOON|OUT|UP|OFF|OVER|INTO|ABOUT|AGAINST|REPORTED|REPORTS|FAILED|FAILS|AGREED|AGREES|REFUSED|REFUSES|PLANS?|TALKS|WANTS|KNOWS|BELIEVES|THINKS|CONFIRMED|DENIED|SECRET|SECRETS|CONFIDENTIAL|CLASSIFIED)$/

/**
 * Whether the text between a Classified-by label and its reasons (spec §5.6, `NAME-AND-TITLE`) has the shape of a
 * name and a title, what a release may show every reader: title and office words (`Ambassador`, `DCM`, `Pol/Econ
 * Counselor`, `A/DCM`, `Embassy`, `Dept of State`), initials and capitalised name words (at most five in a run between
 * title words and commas: a first, middle and last name, a place), the small words of titles (`of`, `for`, `and`,
 * `a.i.`) in lower case, a repeated label, and the `for`, `per` or `reasons` leading to the reasons. No parentheses or
 * brackets (a portion mark, an aside), no other word in lower case, no word of a sentence (`said`, `who`, `reported`,
 * `talks`): `(S) Pol Counselor John Doe` and `John Doe, who said the talks failed` are no name, and a release shows
 * only the label (the rest is text of the cable, judged at its level). Fail closed: a real statement written
 * otherwise is withheld from a lower reader too.
 *
 * @example
 *   isClassifierStatement('Acting Deputy Chief of Mission Ada B. Quill for ') // true
 *   isClassifierStatement('(S) Pol Counselor John Doe for ')                  // false
 *   isClassifierStatement('JOHN DOE REPORTED THE TALKS FAILED. ')              // false
 */
export function isClassifierStatement(statement: string): boolean {
  // a repeated label (`Classified By: Classified by DCM …`), and the words leading to the reasons
  let text = statement.replace(/^(?:\s*(?:\(U\)\s*)?classified\s+by\b\s*[:.]?)+/i, '')
  // (the word may be broken at the margin: `reaso ns`, `reas\nons`)
  const lead = /[\s,;:.-]*\b(?:(?:for|per)\s+)?(?:the\s+)?(?:r\s*e\s*a\s*s\s*o\s*n\s*s?|reason\(s\)|resons?)\b[\s\S]*$/i.exec(text)
  if (lead) text = text.slice(0, lead.index)
  text = text.replace(/(?:\bE\.?\s?O\.?\s*1\d{4}\b)?[\s,;:.-]*(?:\b(?:for|per)\b)?[\s,;:.-]*$/i, '')
  if (text.trim() === '' || /[()[\]{}"]/.test(text)) return false
  const tokens = text.trim().split(/\s+/)
  if (tokens.length > 16) return false
  let run = 0
  for (const token of tokens) {
    const core = token.replace(/[.,;:]+$/, '')
    const upper = core.toUpperCase()
    if (TITLE_CONNECTORS.has(token.replace(/[,;:]+$/, '')) || /^a\.\s?i\.?,?$/i.test(token) || token === '-') {
      run = 0
      continue
    }
    if (PROSE_WORDS.test(upper)) return false
    const title = TITLE_WORDS.has(upper) || TITLE_WORDS.has(`${upper}.`) || /^(?:POL|ECON)[A-Z]*$/.test(upper) ||
      // an office code (`A/DCM`, `Pol/Econ`, `P/E`, `D/Polcouns`, `Sci/C`)
      (/^[A-Za-z.]{1,10}(?:[/-][A-Za-z.]{1,12})+$/.test(core) && !core.split(/[/-]/).some((p) => PROSE_WORDS.test(p.toUpperCase())))
    if (title) run = 0
    else if (INITIAL.test(token.replace(/,$/, '')) || /^(?:[A-Z]\.){1,3}[A-Z]?$/.test(core) || /^[A-Z][A-Za-z'’.-]*$/.test(core)) {
      // a name word: capitalised (`Quill`, `McGee`, `O'Brien`, `LeBaron`), in capitals (`QUILL`), an initial, `Jr.`
      if (++run > 5) return false
    } else return false
    if (/[,;:]$/.test(token)) run = 0
  }
  return true
}
