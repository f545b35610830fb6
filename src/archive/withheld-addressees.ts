import type { Addressee, Cable, Segment, SegmentKind } from '../format/model.js'
import { WITHHELD_PLACEHOLDER } from '../format/withheld.js'

/**
 * A releasable rendering's placeholder (`[Text withheld: …]`, src/format/withheld.ts) in any letter case: the parser
 * upper-cases an address line that holds lower-case letters (`pladText`), so a placeholder read as an addressee
 * comes back as `[TEXT WITHHELD: …]`.
 */
const PLACEHOLDER = new RegExp(WITHHELD_PLACEHOLDER.source, 'i')

/** Whether an addressee's name (or an XMT exclusion) is a rendering's placeholder, not a PLAD. */
export const isWithheldAddressee = (name: string): boolean => PLACEHOLDER.test(name)

/** The header kinds of the address lines that follow FM up to the blank line that ends them. */
const ADDRESS_ZONE: ReadonlySet<SegmentKind> = new Set(['to', 'info', 'xmt', 'headerOther', 'pageHeader'])

/**
 * Whether a placeholder line stands under the FM line where no list is open (the TO line itself withheld: the
 * rendering's `FM …` then `[Text withheld: …]`), which the parser keeps as a header line of no kind, no addressee.
 */
function placeholderUnderFm(segments: readonly Segment[]): boolean {
  const from = segments.findIndex((s) => s.kind === 'from')
  if (from < 0) return false
  for (const s of segments.slice(from + 1)) {
    if (!ADDRESS_ZONE.has(s.kind)) return false
    if (s.kind === 'headerOther' && isWithheldAddressee(s.raw)) return true
  }
  return false
}

/**
 * The TO and INFO addressees a (parsed) text lets its reader read, for the tools that read address lines (`cable
 * route`, `cable network`): a reader in part reads the rendering `cable redact` gives him (`readableCable`), where a
 * withheld address line is a placeholder line that the header parser, as a line under an open list, reads as one
 * more addressee of that list. Such a line is no post (QA 14 round 9, F6), and nothing it replaced is told:
 *
 * - a placeholder among the addressees or XMT exclusions is dropped, and `withheld` is true; so is it for one right
 *   under the FM line (the TO line withheld: no list is open, so the parser reads it as no addressee at all);
 * - the TO addressees after a placeholder are dropped too: the withheld line may have been the INFO line, so their
 *   role (action or info) is not readable (INFO addressees after one stay INFO: nothing but INFO lines follows INFO);
 * - the count of withheld lines and their roles are never given (a placeholder may stand for several lines);
 * - the addressee right before a placeholder, or whose XMT lines hold one, is listed in `exclusionsWithheld`: its
 *   exclusions may be withheld, so a replay never expands it (a collective) as if it had none without saying so.
 *
 * A text with no placeholder (a reader of the whole cable) gives its lists unchanged and `withheld: false`. Pure.
 *
 * @example
 *   readableAddressees(parseCable('…TO RUEHC/SECSTATE WASHDC\n[Text withheld: …]\n…'))
 *   // { to: [SECSTATE WASHDC], info: [], withheld: true, exclusionsWithheld: [SECSTATE WASHDC] }
 */
export function readableAddressees(cable: Pick<Cable, 'to' | 'info'> & Partial<Pick<Cable, 'segments'>>): ReadableAddressees {
  let withheld = placeholderUnderFm(cable.segments ?? [])
  const exclusionsWithheld: Addressee[] = []
  const read = (list: readonly Addressee[], roleEndsAtPlaceholder: boolean): Addressee[] => {
    const out: Addressee[] = []
    for (const a of list) {
      if (isWithheldAddressee(a.name)) {
        withheld = true
        // the withheld lines may open with an XMT line of the addressee right before them (QA 14 round 11, F3)
        const before = out[out.length - 1]
        if (before !== undefined && !exclusionsWithheld.includes(before)) exclusionsWithheld.push(before)
        if (roleEndsAtPlaceholder) break
        continue
      }
      if (!a.excluded?.some(isWithheldAddressee)) {
        out.push(a)
        continue
      }
      // a withheld XMT line: the exclusions the reader may read, and the replay says lines are withheld and that
      // this addressee's exclusions may be among them
      withheld = true
      const shown = { ...a, excluded: a.excluded.filter((x) => !isWithheldAddressee(x)) }
      out.push(shown)
      exclusionsWithheld.push(shown)
    }
    return out
  }
  const to = read(cable.to ?? [], true)
  const info = read(cable.info ?? [], false)
  return { to, info, withheld, exclusionsWithheld }
}

/** The address lists a reader may read (`readableAddressees`). */
export interface ReadableAddressees {
  to: Addressee[]
  info: Addressee[]
  /** Address lines are withheld from the reader (a placeholder stands for them). */
  withheld: boolean
  /**
   * The addressees (objects of `to` and `info`) right before a placeholder, or whose XMT lines hold one: an XMT line
   * excluding members from such an addressee (a collective) may be among the lines withheld, so which of its
   * members were excluded is not readable (QA 14 round 11, F3). Only what the reader's rendering shows decides it
   * (where its placeholders stand), never what they replaced. Empty for a text with no placeholder.
   */
  exclusionsWithheld: Addressee[]
}
