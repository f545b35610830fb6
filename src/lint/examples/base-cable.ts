/**
 * A synthetic CONFIDENTIAL cable (profile T, invented names and numbers) that passes every rule in both
 * modes. Rule examples are mutations of it, so docs and tests share one text nobody needs to trust.
 */
export const BASE_CABLE = [
  '',
  '',
  'VZCZCXRO1234',
  'OO RUEHFR RUEHLO',
  'DE RUEHC #2345/01 0451530',
  'ZNY CCCCC ZZH',
  'O 141520Z FEB 09',
  'FM SECSTATE WASHDC',
  'TO RUEHFR/AMEMBASSY PARIS IMMEDIATE 4521',
  'INFO RUEHLO/AMEMBASSY LONDON PRIORITY 7788',
  'RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY',
  '',
  'C O N F I D E N T I A L SECTION 01 OF 02 STATE 012345',
  '',
  'SIPDIS',
  '',
  'E.O. 12958: DECL: 02/13/2019',
  'TAGS: [PREL](#) [ECON](#) [FR](#) [UK](#)',
  'SUBJECT: (C) DEMARCHE ON FISHERIES QUOTAS',
  '',
  'REF: A. STATE 1111 B. PARIS 222',
  '',
  'Classified By: DCM Ann Lee for reasons 1.4 (b) and (d)',
  '',
  '¶1. (C) This is an action request; see para 3.',
  '',
  '¶2. (U) Background.',
  '',
  'STATE 00012345 002 OF 002',
  '',
  '¶3. (C) Please deliver the points below.',
  '',
  'CLINTON',
].join('\n')

/** Applies an example's `[find, replace]` edits to the base cable; throws when a `find` is absent (a broken example). */
export function mutate(edits: ReadonlyArray<readonly [string, string]>, base: string = BASE_CABLE): string {
  let text = base
  for (const [find, replace] of edits) {
    const at = text.indexOf(find)
    if (at === -1) throw new Error(`rule example: text ${JSON.stringify(find)} is not in the base cable`)
    text = text.slice(0, at) + replace + text.slice(at + find.length)
  }
  return text
}

/**
 * The base cable with 3,000 REF items and a 2 MB paragraph line: a hostile input for lint, used by the
 * hostile-input test (that it lints at all) and by `npm run bench` (how fast).
 */
export function hostileCable(): string {
  const refs = Array.from({ length: 3000 }, (_, i) => `${String.fromCharCode(65 + (i % 26))}. STATE ${1000 + i}`).join('\n')
  return mutate([['REF: A. STATE 1111 B. PARIS 222', `REF: ${refs}`], ['¶2. (U) Background.', `¶2. (U) ${'word '.repeat(400_000)}`]])
}
