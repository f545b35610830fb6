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
