import type { Cable } from '../format/model.js'
import { CLASS_WORD_ONLY, LEVEL_RANK, SECURITY_LINE_START, caveatsOfCaption, isKnownSecurityLine, levelOfClassWord, levelOfSecurityGroup } from '../format/classification.js'
import { closest, garbledMark, legibleCaveats, markingParts } from '../format/marking.js'

/**
 * Levels a cable states outside its class line, captions and portion marks (QA 14 round 7, findings F8 and F9), the
 * highest as a rank (-1 when none): the FL4 security group of its envelope (`ZNY SSSSS`, spec §3.1: FL4, the class
 * line and the archive's classification must name one level, §7 rule 2, so when they differ the highest holds), a
 * line holding nothing but a class word anywhere in the text (a legacy page banner, spec §5.3; the class word repeated
 * after the signature, §5.11) or a classified marking in capitals (`SECRET NOFORN`, `SECRET//NOFORN`: its level, and
 * its caveats in `caveats`), a legacy page header opening with the class word (`SECRET PAGE 02 …`), and in the
 * header (up to the first numbered paragraph) an administrative control written as a line of its own (`LIMITED
 * OFFICIAL USE`, `SBU`, `FOUO`, `FOR OFFICIAL USE ONLY`, the SENSITIVE caption misspelt `SENSITVE`): SBU. Only ever
 * raises what the cable states elsewhere (`statedAccess`): a banner never lowers a level nothing else states. The
 * caveats a banner marking names (NOFORN of `SECRET NOFORN`) are returned too, every one as the caption reader maps
 * it: a reader without them must not read the unmarked text the banner stands over (fail closed).
 *
 * An FL4 security warning that is not exactly one of the forms spec §3.1 gives (`ZNY SSSS`, four letters; `ZNY
 * SCSSS`: `isKnownSecurityLine`) is not understood: it may state any level, so `unreadable` is set and the caller
 * files the cable as a marking not understood (fail closed), never ignoring it.
 *
 * @returns `rank`: the highest level stated (a `LEVEL_RANK` value, -1 when none); `caveats`: the caveats banner
 *   markings name, unordered, possibly repeated; `unreadable`: an envelope security line is not understood.
 * @example
 *   statedElsewhereInText(parseCable('ZNY SSSSS ZZH\n…C O N F I D E N T I A L QUORIN 001701\n…')) // { rank: 3, caveats: [] }
 */
export function statedElsewhereInText(cable: Cable): { rank: number; caveats: string[]; unreadable: boolean } {
  let rank = -1
  let unreadable = false
  const caveats: string[] = []
  const raise = (r: number) => {
    rank = Math.max(rank, r)
  }
  const group = cable.envelope.security?.group
  const fl4 = group ? levelOfSecurityGroup(group) : null
  if (fl4 !== null) raise(LEVEL_RANK[fl4])
  let header = true
  for (const seg of cable.segments) {
    if (seg.kind === 'para') header = false
    for (const line of seg.raw.split('\n')) {
      // a security warning of the envelope (before the text) that is not one of the known forms
      if ((seg.kind === 'envelope' || seg.kind === 'headerOther') && SECURITY_LINE_START.test(line) && !isKnownSecurityLine(line)) unreadable = true
      const banner = CLASS_WORD_ONLY.exec(line) ?? LEGACY_PAGE_CLASS.exec(line)
      // upper case only: a line `Secret` or `Confidential` in mixed case may be a heading of the text
      if (banner && banner[1] === banner[1].toUpperCase()) raise(LEVEL_RANK[levelOfClassWord(banner[1])])
      // a banner line carrying caveats too (`SECRET NOFORN` centred before a legacy page header, or repeated after the
      // signature): a line in capitals that reads whole as a classified marking states its level like the bare word
      const caps = line.trim()
      if (caps !== '' && !/[a-z]/.test(caps)) {
        const stated = markingParts(caps)
        if (stated !== null && stated.level !== null && LEVEL_RANK[stated.level] >= LEVEL_RANK.CONFIDENTIAL) {
          raise(LEVEL_RANK[stated.level])
          for (const c of stated.caveats) caveats.push(...caveatsOfCaption(c))
        }
        // a banner marking nobody can read whole (`SECRET//SI//NOFORN`) still demands the caveats a reader recognises
        // in it (QA 10 F1)
        // (a marking holds no digit: a header run onto one line, `C O N F I D E N T I A L QUORIN 000371 … E.O. 12958`, is none)
        if (stated === null && !/\d/.test(caps) && garbledMark(caps)) caveats.push(...legibleCaveats(caps))
      }
      if (!header || seg.kind === 'subject' || seg.kind === 'tags' || seg.kind === 'eo') continue
      const t = line.trim()
      if (t === '') continue
      const parts = /[A-Za-z]/.test(t) && !/[a-z]/.test(t) ? markingParts(t) : null
      if ((parts !== null && parts.level === 'SBU') || (t.length <= 12 && /^[A-Z]+$/.test(t) && closest(t, ['SENSITIVE']) !== null)) raise(LEVEL_RANK.SBU)
    }
  }
  return { rank, caveats, unreadable }
}

/** A legacy page header opening with the plain class word (`SECRET PAGE 02 QUORIN 01802 01 OF 02 011200Z`, spec §5.3). */
const LEGACY_PAGE_CLASS = /^\s*(TOP SECRET|SECRET|CONFIDENTIAL)\s+PAGE\s+\d{1,3}\b/
