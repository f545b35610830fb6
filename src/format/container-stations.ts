/**
 * Station names a container states outside the text (a CFPF record's `to_field`, a cables.csv `To` column): what
 * the importer may read as an addressee. A text's address lines must have PLAD syntax to be read as addressees
 * (spec §4.1, `isAddresseeLine`); a container's column is free text a publisher typed or a spreadsheet mangled, so
 * each name it holds is checked the same way before it becomes a station: letters, digits, blanks and the
 * punctuation of names (`O'HARE`, `USDEL (SALT)`, `J-3`, `AMCONSUL ST. PETERSBURG`, `ODC/SA`), opening with a letter
 * or digit and holding a letter. Anything else (`"`, `=HYPERLINK("…"`, `<b>`, a URL) is no station: never a node
 * of the network, an addressee of the route or a cell of an export (QA 10 F4). Pure.
 */

/** The characters of a station name, as `NAME_WORD` of plad-line.ts allows them, plus blanks and `/` between words. */
const STATION = /^[A-Z0-9][A-Z0-9 .'&()/-]*$/

/**
 * The station a container's name stands for, upper-cased with its blanks collapsed and one pair of enclosing double
 * quotes dropped (a CSV cell quoted twice: `"SECSTATE WASHDC"`), or null when it is no station name (see the module
 * comment).
 *
 * @example
 *   containerStation(' "Secstate  Washdc" ')  // 'SECSTATE WASHDC'
 *   containerStation('"')                      // null
 *   containerStation('=HYPERLINK("http://x"') // null
 */
export function containerStation(name: string): string | null {
  let s = name.trim().replace(/\s+/g, ' ')
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim()
  s = s.toUpperCase()
  return STATION.test(s) && /[A-Z]/.test(s) && !/:\/\//.test(s) ? s : null
}
