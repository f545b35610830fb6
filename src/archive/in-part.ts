import { parseCable } from '../format/parse.js'
import type { Access, Store } from '../store/store.js'
import { redactText, versionAgreement, type Redaction } from './redact.js'

/**
 * The rendering a reader who may read a stored cable only in part (portion-level access) is shown by `show`, search
 * snippets and snapshot hashes: `redactText` for his access at the level and caveats the cable is filed under, and,
 * for a cable with several texts, only the portions whose demand every text renders alike (`versionAgreement`,
 * the rule `storedPortions` stores them by), so what he reads never depends on which text the archive shows.
 * `whole`: the stored cable (its key, shown text, level and caveats); one `versions` read of the store.
 *
 * @example
 *   (await redactInPart(store, storedCable, { level: 2, caveats: [] })).text // '… 2. (S) [Paragraph 2 withheld: …] …'
 */
export async function redactInPart(store: Store, whole: { key: string; text: string; level: number; caveats: string[] }, access: Access): Promise<Redaction> {
  const filed = { level: whole.level, caveats: whole.caveats }
  // Stryker disable next-line MethodExpression: the shown text among the others changes nothing (it renders as itself)
  const others = ((await store.versions(whole.key)) ?? []).filter((v) => !v.current).map((v) => v.text)
  // Stryker disable next-line ConditionalExpression: as false, one text agrees with itself (versionAgreement of no others admits every demand; the shortcut saves its walks); as true, killed by in-part.test.ts (a mark names mutators, not one mutant)
  if (!others.length) return redactText(whole.text, access, filed)
  return redactText(whole.text, access, filed, versionAgreement(filed, whole.text, parseCable(whole.text, { plain: true }), others))
}
