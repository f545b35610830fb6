import { parseFullName } from 'parse-full-name'
import type { Cable } from '../format/model.js'
import { parseCable } from '../format/parse.js'
import { CLASS_WORD_ONLY } from '../format/classification.js'
import { signerLine } from '../format/signer-name.js'
import { TRAILER_LINE } from './body-portions.js'
import type { Access, Store } from '../store/store.js'
import { TAG_TABLE } from '../format/data/tag-table.js'
import { ACRONYM_WORDS, CONNECTIVE_WORDS, COURTESY_ABBREVIATIONS, MARKER_WORDS, NAME_FORMS, NAME_PARTICLES, ORGANISATION_WORDS, PROSE_WORDS, TITLE_WORDS } from './data/person-titles.js'
import { releasedPeople } from '../messaging/released-people.js'
import { breather } from './breather.js'
import { redactInPart } from './in-part.js'
import { researchAccess } from './portion-access.js'
import type { Mention, Person, PersonRole } from './research-answers.js'

export type { Mention, Person, PersonRole }

/**
 * A name in name case: each word's first letter a capital, the rest lower case; `Mc` and `Mac` before a capital as
 * names write them (`McDONALD` → McDonald); a particle the writer put in lower case (`de la`, `van`) kept so.
 */
const titleCase = (s: string) =>
  s
    .split(/(\s+)/)
    .map((w) => (NAME_PARTICLES.has(w) ? w : w.toLowerCase().replace(/(^|[.'-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()).replace(/^(Mc|Mac(?=[\p{Lu}][\p{Ll}]*[\p{Lu}]))(\p{L})/u, (_, a: string, b: string) => a + b.toUpperCase())))
    .join('')

/** Organisation TAGS codes (data/tags.tsv, kind organization: `UN`, `UNGA`, `NATO`), which titles carry as acronyms. */
const ORGANISATION_CODES: ReadonlySet<string> = new Set(TAG_TABLE.filter(([, , kind]) => kind === 'organization').map(([code]) => code))

/**
 * Whether a word of a title written in capitals is an acronym, an organisation's or an office's (`UN`, `UNGA`, `SCA`,
 * `NSC`, `A/S`), whose capitals a title keeps, rather than a word (`SENIOR`, `MR.`): an organisation TAGS code, a
 * known office acronym (`ACRONYM_WORDS`), a code with a slash, or three letters or more without a vowel that no
 * courtesy title is (`COURTESY_ABBREVIATIONS`). Outer punctuation is ignored.
 */
export function isAcronymWord(word: string): boolean {
  const k = word.replace(/^[("'.,;:]+|[)"'.,;:]+$/g, '')
  if (!/^[\p{Lu}\d][\p{Lu}\d&/.'-]*$/u.test(k) || k.replace(/[^\p{Lu}]/gu, '').length < 2) return false
  if (ORGANISATION_CODES.has(k) || ACRONYM_WORDS.has(k) || k.includes('/')) return true
  return k.length >= 3 && /^\p{Lu}+$/u.test(k) && !/[AEIOUY]/.test(k) && !COURTESY_ABBREVIATIONS.has(k)
}

/**
 * A title as people show it (`Political Officer`): words in title case, except words all in capitals that are
 * acronyms. In a title written in mixed case every word the writer put all in capitals (two letters or more) is
 * one (`UNGA Senior Area Adviser`, `SCA Notetaker`); in one written all in capitals, the words `isAcronymWord`
 * knows are (`UN PERMANENT REPRESENTATIVE` → `UN Permanent Representative`). Names are not titles: a name in
 * capitals is always put in title case (`JOHN A. SMITH` → `John A. Smith`).
 */
export function caseTitle(title: string): string {
  const mixed = /\p{Ll}/u.test(title)
  return title
    .split(/(\s+)/)
    .map((word) => {
      const capitals = /^[^\p{Ll}]*$/u.test(word) && word.replace(/[^\p{Lu}]/gu, '').length >= 2
      return capitals && (mixed || isAcronymWord(word)) ? word : titleCase(word)
    })
    .join('')
}

const APOSTROPHES = /[’‘`´]/g
/** A word as the title list keys it: upper case, straight apostrophe, outer punctuation off. */
const wordKey = (w: string) => w.toUpperCase().replace(APOSTROPHES, "'").replace(/^[("'.,;:]+|[)"'.,;:]+$/g, '').replace(/'S$/, '')
const LONG_TITLES = [...TITLE_WORDS].filter((t) => t.length >= 5)

/** Whether `a` and `b` differ by at most one inserted, deleted or replaced letter. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1)
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/**
 * Whether a word is a title word (`TITLE_WORDS`): exactly, each part of a hyphenated one (`Minister-Counselor`),
 * or, for words of five letters or more, misspelt by one letter (`Politial`, `Minster`, `Attach`) or, from six,
 * cut short (`D'Affai`). A single
 * letter (an initial) or a joining word (`for`, `the`: `CONNECTIVE_WORDS`) never is.
 */
export function isTitleWord(word: string): boolean {
  const k = wordKey(word)
  if (k.replace(/[^A-Z]/g, '').length < 2 || CONNECTIVE_WORDS.has(k)) return false
  if (TITLE_WORDS.has(k) || TITLE_WORDS.has(`${k}.`)) return true
  if (k.includes('-') && k.split('-').every((part) => part !== '' && isTitleWord(part))) return true
  // misspelt by one letter, or cut short by the end of a line (`D'AFFAI`)
  return k.length >= 5 && LONG_TITLES.some((t) => withinOneEdit(k, t) || (k.length >= 6 && t.length > k.length && t.startsWith(k)))
}

/**
 * A title as a cable writes it after a name, with the reasons clause of a Classified-by line cut off (`Political;
 * Reas ons 1.4 (b)` → `Political`, spaces inside `reasons` allowed since line wrapping splits the word),
 * curly apostrophes made straight, outer punctuation trimmed. Null when nothing is left.
 */
export function cleanTitle(title: string): string | null {
  const t = title
    .replace(APOSTROPHES, "'")
    .replace(/\b(?:for\s+)?r\s?e\s?a\s?s?\s?o\s?n\s?s?\b[\s\S]*$/i, '')
    .replace(/\b1\.\s*[45]\b[\s\S]*$/, '')
    .replace(/^[\s;:,.]+|[\s;:,.(]+$/g, '')
    .replace(/\s+/g, ' ')
  return t === '' ? null : t
}

/** A surname as a list writes it first: one or two words in capitals (`PRASK`, `O'NEILL`, `VAN DYKE`). */
const CAPS_SURNAME = /^\p{Lu}[\p{Lu}'-]+(?: \p{Lu}[\p{Lu}'-]+)?$/u
/** A surname in mixed case written first: one capitalised word, after lower-case particles (`Smith`, `O'Neill`, `van Dyke`, `de la Cruz`). */
const MIXED_SURNAME = /^(?:\p{Ll}+ ){0,2}\p{Lu}[\p{L}'-]+$/u
/** A given name in mixed case: one or two words, each a capital then small letters, or an initial (`Mara`, `Jean-Luc`, `Mara J.`). */
const MIXED_GIVEN = /^\p{Lu}\p{Ll}[\p{L}'-]*(?: (?:\p{Lu}\p{Ll}[\p{L}'-]*|\p{Lu}\.))?$/u

/**
 * A name written surname first, as participant lists do (`PRASK, Odile, Minister`, `Smith, John`: surname in
 * capitals, or one capitalised word in mixed case, then a given name in mixed case, then an optional title),
 * rewritten given name first with the title after a comma (`Odile Prask, Minister`), the given and surname parts
 * told apart by parse-full-name's `Last, First` reading. Anything else (`Peter Quint, Political Officer`, `QUINT,
 * Political Officer`, `Talliv, Quorin Ministry`: a title or organisation word is no given name) is returned as it is.
 */
function surnameFirst(text: string): string {
  const parts = text.split(',').map((x) => x.trim())
  if (parts.length < 2 || !(CAPS_SURNAME.test(parts[0]) || MIXED_SURNAME.test(parts[0])) || !MIXED_GIVEN.test(parts[1])) return text
  if (/^(jr|sr|ii|iii|iv)\.?$/i.test(parts[1])) return text
  const noName = (w: string) => isTitleWord(w) || CONNECTIVE_WORDS.has(wordKey(w)) || ORGANISATION_WORDS.has(wordKey(w)) || PROSE_WORDS.has(wordKey(w))
  if ([...parts[0].split(' '), ...parts[1].split(' ')].some(noName)) return text
  const parsed = parseFullName(`${titleCase(parts[0])}, ${parts[1]}`, 'all', 0, 0, 1)
  if (!parsed.first || !parsed.last) return text
  const name = [parsed.first, parsed.middle, parsed.last].filter(Boolean).join(' ')
  const rest = parts.slice(2).join(', ')
  return rest ? `${name}, ${rest}` : name
}

/**
 * A title run before a name written surname first (`Mr. SMITH, John`, `H.E. TALLIV, Zorbek`): the title words and the
 * rest, when the rest reads surname first; else null.
 */
function titledSurnameFirst(text: string): { title: string; rest: string } | null {
  const comma = text.indexOf(',')
  if (comma < 0) return null
  const words = text.slice(0, comma).split(' ')
  let k = 0
  while (k < words.length - 1 && isTitleWord(words[k])) k++
  if (k === 0) return null
  const rest = words.slice(k).join(' ') + text.slice(comma)
  return surnameFirst(rest) === rest ? null : { title: words.slice(0, k).join(' '), rest }
}

/** Whether a word of a name is one no name holds: a word of prose or of an organisation, or a lower-case word that is no particle (`left are still`). */
function notANameWord(word: string): boolean {
  const k = wordKey(word)
  if (k.replace(/[^A-Z]/g, '').length < 2) return false
  if (PROSE_WORDS.has(k) || ORGANISATION_WORDS.has(k)) return true
  return /^\p{Ll}/u.test(word) && !NAME_PARTICLES.has(word.toLowerCase().replace(/[-'].*$/, ''))
}

/**
 * Splits a written name into its title and the name proper, and the name into parts (parse-full-name, which
 * also takes off the titles and suffixes it knows). Null when nothing name-like is left: a heading, an office,
 * a stray phrase, a block marker (`END COMMENT.`, `Talking Points`) or a redacted name (`XXXXXXXXXXXX`, which is
 * no person). Rules, in order: curly apostrophes straightened; a leading `END …`/`BEGIN …` marker cut up to its
 * full stop; a title after a comma kept (`cleanTitle`); `Charge d'Affaires` in any spelling made one title
 * word; the leading run of title words (`isTitleWord`, initials and joining words allowed inside it, ending at a
 * title word) taken as the title; a joining word (`for`, `of`, `based`) after the first two name words ends the
 * name (`Hugo Llorens for reasons`), one before that makes the text prose.
 *
 * @example
 *   splitName('Ambassador W.R. Pearson') // { title: 'Ambassador', first: 'W.R.', last: 'Pearson', … }
 *   splitName('Politial Minister-Counselor Greg Berry') // { title: 'Politial Minister-Counselor', first: 'Greg', last: 'Berry', … }
 *   splitName('END COMMENT.') // null
 */
export function splitName(written: string): { title: string | null; first: string; middle: string; last: string; full: string } | null {
  let text = written.replace(APOSTROPHES, "'")
  // a parenthesis of title words (`(Dr.)`, `(Ambassador)`) is a title; any other one (a nickname, an office) is dropped
  let parenTitle: string | null = null
  text = text.replace(/\(([^)]*)\)/g, (_, inner: string) => {
    const ws = inner.trim().split(/\s+/).filter(Boolean)
    if (parenTitle === null && ws.length > 0 && ws.every((w) => isTitleWord(w))) parenTitle = ws.join(' ')
    return ' '
  })
  // the SIPDIS caption a publisher's flattening runs into a line is no part of a name
  text = text.replace(/\bSIPDIS\b/g, ' ').replace(/[;:]+/g, ' ').replace(/\s+/g, ' ').trim()
  // honorifics written with spaced letters (`H. E.` His/Her Excellency, `S. E.` Son Excellence) as one word
  text = text.replace(/\b([HS])\.\s+E\.(?=\s)/g, '$1.E.')
  // a title before a name written surname first (`Mr. SMITH, John`) stands before the name turned round
  const titled = titledSurnameFirst(text)
  text = titled ? `${titled.title} ${surnameFirst(titled.rest)}` : surnameFirst(text)
  if (/^(END|BEGIN)\b/i.test(text)) {
    const stop = text.indexOf('.')
    if (stop < 0) return null
    text = text.slice(stop + 1).trim()
  }
  let title: string | null = null
  const comma = text.indexOf(',')
  if (comma > 0) {
    const after = text.slice(comma + 1).trim()
    title = after && !/^(jr|sr|ii|iii|iv)\.?$/i.test(after) ? cleanTitle(after) : null
    text = text.slice(0, comma).trim()
  }
  text = text.replace(/\b(?:charg[eé]'?\s*)?d'?\s*affaires(?:\s+a\.?\s*i\b\.?)?/gi, (m) => {
    const word = /^charg/i.test(m) ? "Charge-d'Affaires" : "d'Affaires"
    // written in capitals, it stays in capitals, so a title in capitals stays one (`caseTitle`)
    return /\p{Ll}/u.test(m) ? word : word.toUpperCase()
  })
  // line wrapping splits a joining word (`F OR`)
  text = text.replace(/\bf or\b/gi, 'for').replace(/\bo f\b/gi, 'of')
  let words = text.split(' ').filter(Boolean)
  // the leading title: title words, with initials, joining words and office words that qualify the next title
  // word (`Pole Counselor`, `Control Officer`) inside, ending at a title word
  let end = -1
  for (let k = 0; k < words.length - 1; k++) {
    const key = wordKey(words[k])
    if (isTitleWord(words[k])) end = k
    else if (!(CONNECTIVE_WORDS.has(key) || key.replace(/[^A-Z]/g, '').length < 2 || isTitleWord(words[k + 1] ?? ''))) break
  }
  if (end >= 0) {
    title = title ?? words.slice(0, end + 1).join(' ')
    words = words.slice(end + 1)
  }
  const joint = words.findIndex((w) => CONNECTIVE_WORDS.has(wordKey(w)))
  if (joint >= 0 && joint < 2) return null
  if (joint >= 2) words = words.slice(0, joint)
  if (words.length === 0 || words.length > 4) return null
  // a line of prose or a heading, not a name (`left are still active`, `Development Institute`)
  if (words.some(notANameWord)) return null
  if (words.some((w) => /^x{3,}$/i.test(wordKey(w)))) return null
  if (MARKER_WORDS.has(wordKey(words[words.length - 1])) || isTitleWord(words[words.length - 1])) return null
  if (words.some((w) => /\d|@/.test(w) || !/^[\p{L}][\p{L}.'-]*$/u.test(w))) return null
  if (words.every((w) => isTitleWord(w))) return null
  const parsed = parseFullName(titleCase(words.join(' ')), 'all', 0, 0, 1)
  if (parsed.title) title = title ?? parsed.title
  title = title ?? parenTitle
  const last = (parsed.last || parsed.first || '').trim()
  if (!last || last.length < 2 || isTitleWord(last)) return null
  const first = parsed.last ? (parsed.first ?? '').trim() : ''
  const middle = (parsed.middle ?? '').trim()
  return { title: title ? caseTitle(title) : null, first, middle, last, full: [first, middle, last].filter(Boolean).join(' ') }
}

/** The opening of a participant list: `Participants` as a heading, alone on its line or before a colon (`Participants:`, `Participants -`). */
const LIST_OPENING = /^\s*participants(?:\s*(?:[:\-\u2013]|$)|\b[^.:\n]{0,80}\b(?:were|are|included|include)\s*:)/i
/** A rule of dashes under or over a heading. */
const RULE_LINE = /^\s*[-=_*]{3,}\s*$/
/** A numbered paragraph's start, which ends a list. */
const PARAGRAPH_START = /^\s*¶?\s*\d{1,3}\s*\.\s*\S/
/** A line that runs on into the next: it ends with a comma, a joining word or a hyphen (`Director of the`, `Swiss Department of`). */
const RUNS_ON = /(?:,|\b(?:of|for|and|the|to|in|on)|[-\u2013])\s*$/i

/**
 * Names in a paragraph that opens a participant list (`Participants:` or `Participants` alone on its line, or a
 * sentence introducing one, `Participants at the event were:`; a sentence about participants, `Participants in the
 * insurgency …`, is none), one per line or `;`-separated item, entries after the opening's colon included. A
 * heading right above a rule of dashes is no participant. The list ends at a numbered paragraph and at a line of
 * prose (a word of prose, `PROSE_WORDS`, or a lower-case word that is no joining word or particle, in what would be
 * its name; a list of more than twelve words). A line after one that runs on (a trailing comma or joining word) or
 * opening in lower case continues that entry (a wrapped title).
 */
/** A list enumerator before an entry: a number or letter in parentheses or before `)`, a bullet (`1)`, `(2)`, `(a)`, `*`, `•`, `--`). */
const ENUMERATOR = /^\s*(?:\(?\d{1,2}\)|\([A-Za-z]\)|[*\u2022\u00b7]|-{1,2})\s+/
/** A capital letter and a stop before an entry (`B. Mary Jones`): an enumerator, or the initial of a name (`J. Smith`). */
const LETTER_STOP = /^\s*[A-Z]\.\s+/

/**
 * An entry of a participant list without its enumerator (QA 14 round 8, F11): numbers and bullets always go; a
 * capital letter and a stop goes when what follows is a name of its own, two words or more before the comma
 * (`C. Karl Weiss, Economic Officer`), and stays as an initial when one word follows (`J. Smith, Consul`).
 */
export function stripEnumerator(entry: string): string {
  const numbered = ENUMERATOR.exec(entry)
  if (numbered) return entry.slice(numbered[0].length)
  const letter = LETTER_STOP.exec(entry)
  if (!letter) return entry
  const rest = entry.slice(letter[0].length)
  return rest.split(',')[0].replace(/\([^)]*\)/g, ' ').trim().split(/\s+/).length >= 2 ? rest : entry
}

function participants(cable: Cable, text: string): string[] {
  const out: string[] = []
  for (const p of cable.paragraphs) {
    if (!LIST_OPENING.test(p.text.split('\n')[0]) || !p.span) continue
    const all = text.slice(p.span.start.offset, p.span.end.offset).split(/\r?\n/)
    // entries may follow the opening on its line (`Participants: USG: Ambassador …; Deputy Secretary …`)
    const first = all[0].slice(all[0].search(/participants/i))
    const colon = first.indexOf(':')
    const lines = [...(colon >= 0 && first.slice(colon + 1).trim() !== '' ? [first.slice(colon + 1)] : []), ...all.slice(1)]
    let runsOn = false
    // whether the line before gave the last entry (a heading right above a rule is dropped)
    let lastFromPrevious = false
    list: for (const line of lines) {
      if (RULE_LINE.test(line)) {
        // a heading right above a rule (`U.S.` then `---`, `Uribe Obsessed By Chavez Blasts` between two) is no participant
        if (lastFromPrevious) out.pop()
        lastFromPrevious = false
        runsOn = false
        continue
      }
      if (PARAGRAPH_START.test(line)) break
      // only the line right under an entry's line can continue it (no blank line, rule or heading between)
      const underEntry = lastFromPrevious
      lastFromPrevious = false
      for (const piece of line.split(';')) {
        const item = stripEnumerator(piece)
          .replace(/^[\s-]*(and\s+)?/i, '')
          .replace(/[-=]{3,}/g, '')
          .replace(/\s*\\\s*$/, '')
          // a delegation heading before the entry (`USG: Ambassador …`, `UK: Mervyn King, …`)
          .replace(/^(?:[\p{L}.\/-]+ ?){1,3}:\s+/u, '')
          .trim()
        if (!item) continue
        // a whole list run into one line (no line ends, no `;`) is no entry: who is who cannot be told
        if (item.split(/\s+/).length > 20) break list
        // a line that runs on from the one before (a trailing comma or joining word), or opens in lower case, continues its entry
        if ((runsOn || /^\p{Ll}/u.test(item)) && underEntry && out.length) {
          out[out.length - 1] = `${out[out.length - 1]} ${item}`
          runsOn = RUNS_ON.test(item)
          lastFromPrevious = true
          continue
        }
        runsOn = RUNS_ON.test(item)
        // a country or delegation heading (`U.S.`, `Tajikistan`) is one word without a comma
        if (!item.includes(',') && !item.includes(' ')) continue
        // a line of prose ends the list: the paragraph runs on past it
        const name = item.split(',')[0].replace(/\([^)]*\)/g, ' ').trim().split(/\s+/)
        const prose = (w: string) => PROSE_WORDS.has(wordKey(w)) || (/^\p{Ll}[\p{Ll}'.,]*$/u.test(w) && !/^x{3,}$/.test(w) && !CONNECTIVE_WORDS.has(wordKey(w)) && !NAME_PARTICLES.has(w))
        if (name.length > 12 || name.some(prose)) break list
        out.push(item)
        lastFromPrevious = true
      }
    }
  }
  return out
}

/** The mentions of people in one cable text (signers, Classified by, participants). */
export function mentionsIn(key: string, text: string): Mention[] {
  const cable = parseCable(text, { plain: true })
  const out: Mention[] = []
  // the signer is the last name line of the signature, when it has a name's shape (`signerLine`, as a release shows
  // it); a block marker before it on its line (`END COMMENT. SPOGLI`) is no part of it
  const names = cable.signers.filter((s) => s.trim() !== '' && !CLASS_WORD_ONLY.test(s) && !TRAILER_LINE.test(s) && !/Declassified\/Released|Systematic\s+Review/i.test(s))
  const last = names.length ? names[names.length - 1].replace(/^.*\.\s+(?=\S)/, '') : null
  if (last !== null && signerLine([last]) === 0) out.push({ cable: key, role: 'signer', written: names[names.length - 1], title: null })
  const cb = cable.classifiedBy
  if (cb?.name) {
    const t = cb.title ? cleanTitle(cb.title) : null
    out.push({ cable: key, role: 'classifier', written: t ? `${cb.name}, ${t}` : cb.name, title: t ? caseTitle(t) : null })
  }
  for (const p of participants(cable, text)) out.push({ cable: key, role: 'participant', written: p, title: null })
  return out
}

/**
 * Groups mentions into people (see the module comment). Mentions whose name cannot be read are dropped.
 *
 * @example
 *   normalizePeople([{ written: 'PEARSON', … }, { written: 'Ambassador W.R. Pearson', … }]) // one person, key 'PEARSON W'
 */
export function normalizePeople(mentions: Mention[]): Person[] {
  const people = new Map<string, Person>()
  const named: { mention: Mention; last: string; first: string; full: string }[] = []
  const bare: { mention: Mention; last: string }[] = []
  for (const m of mentions) {
    const n = splitName(m.written)
    if (!n) continue
    const mention = { ...m, title: m.title ?? n.title }
    if (n.first) named.push({ mention, last: n.last.toUpperCase(), first: firstKey(n.first), full: n.full })
    else bare.push({ mention, last: n.last.toUpperCase() })
  }
  // the known first names (more than an initial) of each surname and first initial, grouped into names that may
  // be one person's (`sameFirstName`); each group after the first of a surname and initial is another person
  const known = new Map<string, string[]>()
  for (const { last, first } of named) {
    const group = `${last} ${first[0]}`
    const firsts = known.get(group) ?? []
    if (first.length > 1 && !firsts.includes(first)) known.set(group, [...firsts, first])
  }
  const personOf = new Map<string, string>()
  for (const [group, firsts] of known) {
    const clusters = firstNameClusters(firsts)
    for (const c of clusters) for (const f of c) personOf.set(`${group}|${f}`, clusters.length === 1 ? group : `${group.split(' ')[0]} ${c[0]}`)
  }
  for (const { mention, last, first, full } of named) {
    const group = `${last} ${first[0]}`
    // an initial alone joins the one person of its surname and initial; with several it stays apart under the initial
    add(people, first.length > 1 ? personOf.get(`${group}|${first}`)! : group, full, mention)
  }
  const bySurname = new Map<string, string[]>()
  for (const p of people.values()) {
    const surname = p.key.split(' ')[0]
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), p.key])
  }
  for (const { mention, last } of bare) {
    const same = bySurname.get(last) ?? []
    add(people, same.length === 1 ? same[0] : last, titleCase(last), mention)
  }
  for (const p of people.values()) p.roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b))
  return [...people.values()].sort((a, b) => b.cables.length - a.cables.length || a.key.localeCompare(b.key))
}

/**
 * Whether two first names (`firstKey`) may be one person's: equal, one the start of the other (`GREG`, `GREGORY`;
 * two letters at least: a wrapped `Do Nald`), one letter apart in names of four or more (a misspelling: `TOOD`, `TODD`), or a short
 * form and its full name (`NAME_FORMS`: `TOM`, `THOMAS`).
 */
export function sameFirstName(a: string, b: string): boolean {
  if (a === b) return true
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (short.length >= 2 && long.startsWith(short)) return true
  if (short.length >= 4 && withinOneEdit(a, b)) return true
  const form = (x: string, y: string) => NAME_FORMS.get(x)?.some((full) => full === y || (y.length >= 3 && full.startsWith(y)) || y.startsWith(full)) ?? false
  return form(a, b) || form(b, a)
}

/** First names grouped into people: names linked by `sameFirstName`, directly or through others; each group's longest name first. */
function firstNameClusters(firsts: string[]): string[][] {
  const parent = firsts.map((_, i) => i)
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])))
  for (let i = 0; i < firsts.length; i++) for (let j = i + 1; j < firsts.length; j++) if (sameFirstName(firsts[i], firsts[j])) parent[root(i)] = root(j)
  const groups = new Map<number, string[]>()
  firsts.forEach((f, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), f]))
  return [...groups.values()].map((g) => g.sort((x, y) => y.length - x.length || x.localeCompare(y)))
}

/** A first name as people are told apart by: upper case, letters only (`W.R.` → `WR`, `Jean-Luc` → `JEANLUC`); an initial is one letter. */
function firstKey(first: string): string {
  const k = first.toUpperCase().replace(/[^\p{L}]/gu, '')
  // initials run together (`W.R.`, `J.D.`) are initials, not a first name
  return /\./.test(first) && k.length <= 3 ? k[0] : k || first[0].toUpperCase()
}

const ROLE_ORDER: readonly PersonRole[] = ['signer', 'classifier', 'participant', 'drafter', 'clearer', 'approver']

function add(people: Map<string, Person>, key: string, name: string, m: Mention): void {
  let p = people.get(key)
  if (!p) people.set(key, (p = { key, name, titles: [], roles: [], cables: [], mentions: [] }))
  if (name.length > p.name.length) p.name = name
  if (m.title && !p.titles.includes(m.title)) p.titles.push(m.title)
  if (!p.roles.includes(m.role)) p.roles.push(m.role)
  if (!p.cables.includes(m.cable)) p.cables.push(m.cable)
  p.mentions.push(m)
}

/**
 * The people of every cable the reader may see. With portion-level access on (docs/search.md), a cable he may read
 * only in part counts through what he may read of it: the names of his rendering (`redactInPart`, the rendering
 * `cable redact` and `show` give him: the header lines and signature it shows, the portions he may read), never a
 * name found only in a withheld portion; his search finds such a cable, so leaving it out would be an answer that
 * depends on its withheld portions too. In an operator's database pass its messaging store as
 * `released`: the drafter, clearers and approver of each cable it released (`releasedPeople`) join them,
 * only for released cables `access` may read whole (level, caveats, need to know; they come from the release
 * record, not from a line of the text his rendering shows), so no name, role or count comes from text the reader
 * may not read. The CLI (`cable people`) and the HTTP API (`/api/people`) both call this, so they give one answer.
 *
 * @example
 *   const people = await archivePeople(store, access, ctx.store) // [{ key: 'CLINTON H', name: 'Hillary Clinton', cables: [...] }, …]
 */
export async function archivePeople(store: Store, access?: Access, released: ReleasedSource | null = null): Promise<Person[]> {
  const mentions: Mention[] = []
  const pause = breather()
  for await (const hit of store.search(null, { sort: 'date', withText: true }, await researchAccess(store, access))) {
    await pause()
    // read in part: the names of his rendering only
    const text = hit.partial && access ? (await redactInPart(store, { key: hit.key, text: hit.text ?? '', ...hit.partial }, access)).text : (hit.text ?? '')
    mentions.push(...mentionsIn(hit.key, text))
  }
  const extra = released ? await releasedPeople(released) : []
  const visible = new Set<string>()
  if (extra.length) for (const h of (await store.resolve([...new Set(extra.map((m) => m.cable))], access)).keys()) visible.add(h)
  return normalizePeople([...mentions, ...extra.filter((m) => visible.has(m.cable))])
}

/** Where drafters, clearers and approvers of released cables come from: an operator database's messaging store. */
export type ReleasedSource = Parameters<typeof releasedPeople>[0]

/**
 * One person of the cables `access` may see, by key (`QUINT P`, `PEARSON`; letter case and runs of spaces
 * ignored), normalised exactly as `archivePeople` lists him (`released` as there), so his page agrees with
 * the list. Null when no cable the reader may read names him: a person known only from cables he may not
 * read does not exist for him. It builds the whole list: a bare surname joins the one person of that
 * surname across every readable cable, and no index finds a name's cables short of reading them all.
 *
 * @example
 *   await archivePerson(store, 'quint p', { level: 2, caveats: [] }) // { key: 'QUINT P', name: 'Peter Quint', … }
 */
export async function archivePerson(store: Store, key: string, access?: Access, released: ReleasedSource | null = null): Promise<Person | null> {
  const want = personKey(key)
  if (!want) return null
  return (await archivePeople(store, access, released)).find((p) => p.key === want) ?? null
}

/** A person key as typed, in the form `normalizePeople` gives it: upper case, single spaces; null when blank. */
export function personKey(key: string): string | null {
  const k = key.trim().replace(/\s+/g, ' ').toUpperCase()
  return k === '' ? null : k
}

/** Raised when a people filter names no one (`peopleNamed`): empty, or holding no letter. A usage error (CLI exit 2). */
export class PeopleOptionError extends Error {}

/**
 * Checks a `peopleNamed` filter before anything is read (so an adapter refuses it before opening an archive):
 * throws `PeopleOptionError` when it is blank or holds no letter.
 */
export function checkPeopleName(written: string): void {
  if (written.trim() === '') throw new PeopleOptionError("name: empty; name a person (QUINT, 'Peter Quint') or leave the filter out for everyone")
  if (!/\p{L}/u.test(written)) throw new PeopleOptionError(`name: ${JSON.stringify(written)} names no one (a name has letters: QUINT, 'Peter Quint'); leave the filter out for everyone`)
}

/**
 * The people a written name may denote (`cable people --name`): the surname matches the key's exactly (case
 * folded), and a first name, when given, matches the key's second part, which is an initial (`QUINT P`) or, when
 * two first names share the initial, a first name (`QUINT PETER`). `QUINT` finds every Quint; `Peter Quint` and
 * `QUINT, Peter` find `QUINT P` and `QUINT PETER`, not `QUINT PAUL`.
 *
 * @param written a surname, or first and last name in any form `splitName` reads.
 * @throws PeopleOptionError when `written` is blank or holds no letter (`-`, `,`, `12`): it names no one, and a
 *   filter reduced to nothing is refused, never read as everyone nor answered "nobody" (QA 12 F1's kind).
 */
export function peopleNamed(people: readonly Person[], written: string): Person[] {
  checkPeopleName(written)
  const want = splitName(written)
  const last = (want?.last ?? written).trim().toUpperCase()
  const first = want?.first ? want.first.toUpperCase().replace(/[^\p{L}]/gu, '') : ''
  return people.filter((p) => {
    const [surname, second] = p.key.split(' ')
    return surname === last && (!first || !second || second === first || (second[0] === first[0] && (second.length === 1 || first.length === 1)))
  })
}
