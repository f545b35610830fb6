import { TAG_TABLE } from './data/tag-table.js'
import { stationPlaceWords } from './stations.js'

/**
 * Addressee lines as the format writes them (spec §4.1, §4.2): `[RI "/"] PLAD [//office//] [precedence] [MCN]
 * ["PASS TO" PLAD …]`, read word by word so a line is an addressee only when every word is PLAD syntax. Where a
 * PLAD ends is told by its kind, never by counting words alone:
 *
 * - a post (`AMEMBASSY`, `AMCONSUL`, `USMISSION` …) ends where its station ends: the longest run of words naming a
 *   station of the directory (`THE HAGUE`, `RIO DE JANEIRO`, `stationPlaceWords`), or a single word for a place
 *   the directory does not know (`AMEMBASSY QUORIN`), then an optional country code (`AMEMBASSY TRIPOLI LY`);
 * - a collective ends with the word `COLLECTIVE` (`ALL SOUTH AND CENTRAL ASIA COLLECTIVE`), or opens with `ALL` and
 *   ends with the noun of what it lists (`ALL DIPLOMATIC AND CONSULAR POSTS`, `ALL OECD CAPITALS`);
 * - any other PLAD ends at its place: `WASHDC`, `WASHINGTON DC`, or a state or country code after at most five
 *   words (`HQ USEUCOM VAIHINGEN GE`, `USCENTCOM INTEL CEN MACDILL AFB FL`); without one it is an agency word and
 *   one word (`DEPT OF TREASURY`, `WHITE HOUSE NSC`) or at most two words (`USEU BRUSSELS`, `COMUSNAVCENT`).
 *
 * After the PLAD only an office note between `//`, a precedence word, an MCN, and `PASS TO` another addressee may
 * follow. Anything else (`AMEMBASSY PARIS NUCLEAR TALKS`, `… COLLECTIVE PLAN B`, `… 0042 THE PLAN`) makes the line
 * no addressee line: a releasable rendering judges it as portion text (fail closed). Pure.
 */

/** Station words of State posts: the place after them is a station of the directory. */
const POST_WORDS: ReadonlySet<string> = new Set(['AMEMBASSY', 'AMEMB', 'AMCONSUL', 'AMCONSULATE', 'USMISSION', 'USINT', 'USOFFICE', 'AIT', 'REO', 'RPO', 'USDEL', 'USLO'])

/** Agency and command words that open a PLAD (`SECSTATE`, `DEPT OF`, `HQ`, `CDRUSAREUR`); one word of name may follow. */
const AGENCY = /^(?:SECSTATE|USEU|SECDEF|JOINT STAFF|CIA|DIA|NSC|DEPT OF|DEPT|HQ|(?:CDR|USCINC|CINC|COM)[A-Z0-9]*|COMSEC|WHITE HOUSE|USDAO)(?= |$)/

/** Place words that end a PLAD (`SECSTATE WASHDC`, `CIA WASHINGTON DC`). */
const WASHINGTON = /^(?:WASHDC|WASHINGTON DC|WASHINGTON D\.C\.|WASH DC)(?= |$)/

/** US state codes: the last word of a military or agency PLAD (`USCINCSO MIAMI FL`). */
const US_STATES = 'AL AK AZ AR CA CO CT DE FL GA HI IA ID IL KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY OH OK PA RI SC SD TN TX UT VA VT WA WI WV WY'.split(' ')
/** Country codes of the TAGS table (FIPS, spec §5.7): the last word of a PLAD abroad (`ODC ANKARA TU`, `AMEMBASSY BRUSSELS BE`). */
const COUNTRY_CODES: ReadonlySet<string> = new Set(TAG_TABLE.filter(([code, , kind]) => kind === 'geographic' && /^[A-Z]{2}$/.test(code)).map(([code]) => code))
/** Two-letter words of ordinary English that happen to be codes: never read as a PLAD's place code. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(['TO', 'IN', 'IS', 'NO', 'SO', 'AN', 'AS', 'AT', 'OR', 'ON', 'OF', 'BY', 'IF', 'UP', 'WE', 'HE', 'ME', 'MY', 'GO', 'DO', 'OK', 'US'])
const isCode = (w: string, states: boolean) => !FUNCTION_WORDS.has(w) && (COUNTRY_CODES.has(w) || (states && US_STATES.includes(w)))

/** A word of a PLAD's name: letters, digits and the punctuation of names (`425ABS`, `O'HARE`, `USDELMC`); not a bare number. */
const NAME_WORD = /^[A-Z0-9][A-Z0-9.'&()-]*$/
const isNameWord = (w: string) => NAME_WORD.test(w) && !/^\d+$/.test(w)

/** The last word of an un-suffixed collective (`ALL AMERICAN REPUBLIC DIPLOMATIC POSTS`, `ALL NATO CAPITALS`). */
const LIST_NOUN = /^(?:POSTS|CAPITALS|MISSIONS|EMBASSIES|CONSULATES|DELEGATIONS|ADDRESSEES|OFFICES|STATIONS)$/

const PRECEDENCE = /^(?:FLASH|NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE)(?= |$)/
const MCN = /^\d{4}(?:-\d{4})?(?= |$)/
/** An office note after a PLAD (`//USD:SOLIC//`, `//J-3/J-5//`, `//USDP ADMIN/CHAIRS//`): office codes, bounded. */
const OFFICE_NOTE = /^\/\/(?:[A-Z0-9:.-]{1,16}(?:[ /]{1,2}[A-Z0-9:.-]{1,16}){0,5})\/\/(?= |$)/

/** What an addressee line's words say about it: whether it holds anything only addressing has. */
interface Read {
  /** Characters of the text read as addressee syntax. */
  end: number
  /** The line names a post, a collective, an agency, a place code, a precedence or an MCN. */
  evidence: boolean
}

/**
 * The PLADs the start of `s` (no RI) may be read as, each with its length and whether it carries addressing
 * evidence: the post, collective or agency PLAD it opens, or the PLAD up to each place word it holds (`DRUG
 * ENFORCEMENT ADMIN HQ WASHINGTON DC`: `HQ` is a country code too); [] when none.
 */
function plads(s: string): Read[] {
  const words = s.split(' ')
  const upTo = (n: number) => words.slice(0, n).join(' ').length
  const found: Read[] = []
  // a collective: ends with COLLECTIVE (all collectives of the dev corpus and the directory do)
  const c = words.indexOf('COLLECTIVE')
  if (c >= 0 && c <= 9 && words.slice(0, c).every(isNameWord)) found.push({ end: upTo(c + 1), evidence: true })
  // an un-suffixed list (spec §4.2: a PLAD starting with ALL, as addressee.ts isCollective reads it): `ALL
  // DIPLOMATIC AND CONSULAR POSTS`, `ALL OECD CAPITALS`, ending with the noun of what it lists
  if (words[0] === 'ALL' && c < 0) {
    for (let n = 2; n <= 8 && n <= words.length && isNameWord(words[n - 1]); n++) if (LIST_NOUN.test(words[n - 1])) found.push({ end: upTo(n), evidence: true })
  }
  if (POST_WORDS.has(words[0])) {
    if (words.length < 2 || !isNameWord(words[1])) return found
    // the station's name as the directory knows it, or one word for a place it does not know
    const n = 1 + (stationPlaceWords(words.slice(1)) || 1)
    found.push({ end: upTo(n), evidence: true })
    if (n < words.length && isCode(words[n], false)) found.push({ end: upTo(n + 1), evidence: true })
    return found
  }
  // another PLAD: up to its place (Washington, or a state or country code, after at most five words)
  for (let i = 1; i <= 5 && i < words.length; i++) {
    if (!isNameWord(words[i - 1])) break
    const w = WASHINGTON.exec(words.slice(i).join(' '))
    if (w) found.push({ end: upTo(i) + 1 + w[0].length, evidence: true })
    if (isCode(words[i], true)) found.push({ end: upTo(i + 1), evidence: true })
  }
  const agency = AGENCY.exec(s)
  if (agency) {
    const after = agency[0].split(' ').length
    found.push({ end: upTo(after), evidence: true })
    if (after < words.length && isNameWord(words[after])) found.push({ end: upTo(after + 1), evidence: true })
  } else if (isNameWord(words[0])) {
    found.push({ end: upTo(1), evidence: false })
    if (words.length > 1 && isNameWord(words[1])) found.push({ end: upTo(2), evidence: false })
  }
  return found
}

/** An addressee with everything after its PLAD (`//office//`, precedence, MCN, `PASS TO` …), to the end of `s`. */
function addressee(s: string): Read | null {
  for (const p of plads(s)) {
    let at = p.end
    let evidence = p.evidence
    // an office note (written glued to the PLAD: `isAddresseeLine` sets a blank before it)
    const office = s.startsWith(' //', at) ? OFFICE_NOTE.exec(s.slice(at + 1)) : null
    if (office) at += 1 + office[0].length
    for (const re of [PRECEDENCE, MCN]) {
      const m = s[at] === ' ' ? re.exec(s.slice(at + 1)) : null
      if (m) {
        at += 1 + m[0].length
        evidence = true
      }
    }
    if (at === s.length) return { end: at, evidence }
    const pass = /^ PASS TO /.exec(s.slice(at))
    if (pass && addressee(s.slice(at + pass[0].length))) return { end: s.length, evidence: true }
  }
  return null
}

/**
 * True when a line (its list label `FM`/`TO`/`INFO`/`XMT` removed; `labelled` when it had one) is an addressee line:
 * an optional routing indicator (`RUEHFR/`, `ZEN/`; after a label any indicator, also a garbled one) and an
 * addressee as the module comment reads it. Every line, with its label or without, must carry addressing evidence
 * (an RI, a post, collective or agency word, a place code, a precedence or an MCN): two bare words are no addressee,
 * after `INFO` either (`INFO NUCLEAR TALKS` is text, which a release judges as a portion: fail closed).
 *
 * @example
 *   isAddresseeLine('RUEHFR/AMEMBASSY PARIS IMMEDIATE 0042', false)  // true
 *   isAddresseeLine('AMEMBASSY PARIS NUCLEAR TALKS', true)            // false: PARIS is a station, its PLAD ends there
 *   isAddresseeLine('ALL SOUTH AND CENTRAL ASIA COLLECTIVE PLAN B', true) // false
 *   isAddresseeLine('NUCLEAR TALKS', true)                             // false: no addressing evidence
 */
export function isAddresseeLine(line: string, labelled: boolean): boolean {
  let s = line.trim().replace(/[ \t]+/g, ' ').replace(/([^ /])\/\//, '$1 //')
  const ri = (labelled ? /^[A-Z]{3,7} ?\/ ?(?!\/)/ : /^(?:[RQ][A-Z]{3,6}|ZEN) ?\/ ?(?!\/)/).exec(s)
  if (ri) s = s.slice(ri[0].length)
  const read = addressee(s)
  return read !== null && read.end === s.length && (ri !== null || read.evidence)
}
