import { CAPTION_PHRASES, gluedCaptions, isCaptionLineWith, leadingCaptions } from './captions.js'
import { captionsBeforeSection, classLineStatedMarking, classLineTail, leadOfOrigin, splitClassWord } from './class-line.js'
import {
  CLASS_WORD_ONLY,
  levelOfClassWord,
  levelOfSecurityGroup,
  normalizeMark,
  LEVEL_RANK,
  overallClassification,
  caveatsOfCaption,
  RESTRICTIVE_CAVEATS,
  type Level,
} from './classification.js'
import { looksLikeMark, parseMarking } from './marking.js'
import { codeAt, isSpaceCode } from './char-codes.js'
import { parseClassifiedBy } from './classified-by.js'
import { parseEo } from './eo.js'
import type { HeaderResult } from './header.js'
import { collapseSpace, type Line } from './lines.js'
import type { Cable, Diagnostic, Paragraph, Reference, Span } from './model.js'
import { bodyRefBlocks, placeRefBlocks } from './ref-blocks.js'
import { actionAddresseeOrigin, splitReferences, REF_LABEL, unresolvedTelegramWord, type CitationMemo } from './references.js'
import { emptySpan, type LineIndex } from './span.js'
import { findComments, findSummary, keywordHits } from './summary-comment.js'
import { splitTags, TAGS_LABEL } from './tags.js'
import { captionsRead, END_MARKER, type Range, type TextLayout } from './text.js'

export interface FieldContext {
  text: string
  lines: Line[]
  index: LineIndex
  layout: TextLayout
  header: HeaderResult
  diagnostics: Diagnostic[]
  /** Two- or four-digit year of the cable, for references that omit theirs. */
  yearSource: string | null
  /** Offset of the first ¶ in the text, -1 for none; found by the caller when it has looked already. */
  firstPilcrow?: number
  /** The parse's citation memo, when the caller reads the REF items again later (`Citing.memo`). */
  citations?: CitationMemo
}

/** Reads the text's fields from the located ranges into the cable. */
export function readFields(cable: Cable, ctx: FieldContext): void {
  const { text, lines, index, layout } = ctx
  const span = (r: Range) => index.span(r.start, r.end)
  // the page-header lines, found once: every field and the body mask them (a pass over all lines each time before)
  const headers = pageHeaderLines(layout.kinds)
  const squashed = (r: Range) => collapseSpace(maskPageHeaders(text, lines, headers, r)).trim()

  // Class line and MRN
  let level: Level | null = null
  let classLineCaptions: { caption: string; start: number; end: number }[] = []
  // the class line's marking as written when the marking parser cannot read it (`SECRET//SI`), else null
  let unreadableClassLine: string | null = null
  if (layout.classLine !== null && layout.classMatch) {
    const m = layout.classMatch
    const line = lines[layout.classLine]
    level = levelOfClassWord(m[2])
    // caption words between the class word and the MRN are captions (read below), not part of the origin
    // and so are the controls the class word is followed by (`SECRET NF QUORIN 000814`: `leadOfOrigin`)
    const { captions: before, controls: blankControls, originStart } = leadOfOrigin(m[5])
    cable.mrn = { origin: m[5].slice(originStart).trim().toUpperCase().replace(/\s+/g, ' '), serial: m[6] }
    const originAt = line.start + line.text.indexOf(m[5], m[1].length + m[2].length)
    classLineCaptions = [
      ...captionsBeforeSection(line.text, m).map((c) => ({ caption: c.caption, start: line.start + c.start, end: line.start + c.end })),
      ...before.map((c) => ({ caption: c.caption, start: originAt + c.start, end: originAt + c.end })),
    ]
    cable.spans.classLine = index.span(line.start, line.end)
    cable.spans.classification = index.span(line.start + m[1].length, line.start + m[1].length + m[2].length)
    if (m[3] && m[4]) cable.sections = Number(m[4])
    // controls joined to the class word (`S E C R E T//NF`): read by the marking parser, as a portion mark's are
    const stated = classLineStatedMarking(m)
    if (stated) {
      const { controls: joined, controlsStart } = splitClassWord(m[2])
      const at = joined === null ? originAt + blankControls[0].start : line.start + m[1].length + controlsStart
      const end = blankControls.length ? originAt + blankControls[blankControls.length - 1].end : line.start + m[1].length + m[2].length
      const controlsSpan = { start: at, end }
      if (stated.parts === null) {
        unreadableClassLine = stated.marking
        ctx.diagnostics.push({
          code: 'BAD_MARKING',
          severity: 'error',
          message: `Class-line marking ${stated.marking} cannot be read: a control after // is none the marking parser knows; the cable is held at the highest level`,
          span: index.span(controlsSpan.start, controlsSpan.end),
        })
      } else {
        // the parser's level is the class word's, or above it (`UNCLASSIFIED//FOR OFFICIAL USE ONLY` is SBU); the
        // marking always opens with the class word, so it names a level
        level = stated.parts.level ?? level
        // each caveat the controls name is a caption of the class line (spanning the controls), as `S E C R E T NODIS …` is
        for (const caveat of stated.parts.caveats) {
          if (CAPTION_PHRASES.includes(caveat) || caveatsOfCaption(caveat).length) classLineCaptions.push({ caption: caveat, ...controlsSpan })
        }
      }
    }
  }
  if (level === null && ctx.header.envelope.security) level = levelOfSecurityGroup(ctx.header.envelope.security.group)
  if (level === null) level = bannerLevel(lines)

  // Captions
  const captions: string[] = []
  for (const i of layout.captionLines) {
    const cut = layout.captionCuts.get(i)
    // a whole line's captions the layout has read (captionReads); a run-together block (cut where a keyword
    // starts) may have lost every separator: read glued captions too
    let read = cut === undefined ? layout.captionReads.get(i) : undefined
    if (read === undefined) {
      const t = cut === undefined ? lines[i].text : lines[i].text.slice(0, cut)
      const leading = leadingCaptions(t)
      read = captionsRead(t, leading, isCaptionLineWith(t, leading)) ?? []
      if (cut !== undefined) read = [...read, ...gluedCaptions(t)].sort((a, b) => a.start - b.start)
    }
    for (const c of read) {
      if (captions.includes(c.caption)) continue
      captions.push(c.caption)
      cable.captionSpans.push(index.span(lines[i].start + c.start, lines[i].start + c.end))
    }
  }
  // captions the class line itself carries after the MRN (`LONDON 002460 SENSITIVE SIPDIS E.O. …`, glued or
  // spaced): they come first, as a caption block would (spec §5.4)
  if (layout.classLine !== null && layout.classMatch?.[7]) {
    const line = lines[layout.classLine]
    const rest = layout.classMatch[7]
    const offset = line.text.length - rest.length
    // as far as the rendering shows the class line (`classLineTail`): sections and captions, spelt, spaced or glued
    const onClassLine = classLineTail(rest).captions
    for (const c of onClassLine.reverse()) {
      if (captions.includes(c.caption)) continue
      captions.unshift(c.caption)
      cable.captionSpans.unshift(index.span(line.start + offset + c.start, line.start + offset + c.end))
    }
  }
  // captions before the MRN come first of all (spec §5.4: a handling caption follows the class word)
  for (const c of [...classLineCaptions].reverse()) {
    if (captions.includes(c.caption)) continue
    captions.unshift(c.caption)
    cable.captionSpans.unshift(index.span(c.start, c.end))
  }
  cable.captions = captions
  if (layout.captionLines.length) cable.spans.captions = index.span(lines[layout.captionLines[0]].start, lines[layout.captionLines[layout.captionLines.length - 1]].end)
  else if (cable.captionSpans.length) cable.spans.captions = index.span(cable.captionSpans[0].start.offset, cable.captionSpans[cable.captionSpans.length - 1].end.offset)

  // E.O.
  if (layout.eo) {
    cable.eo = withSpan(parseEo(squashed(layout.eo)), span(layout.eo))
    cable.spans.eo = span(layout.eo)
  }

  // TAGS
  if (layout.tags) {
    const raw = maskPageHeaders(text, lines, headers, layout.tags)
    const label = TAGS_LABEL.exec(raw)
    const from = label ? label[0].length : 0
    const { tags } = splitTags(raw.slice(from))
    cable.tags = tags.map((t) => t.text)
    cable.tagSpans = tags.map((t) => span({ start: layout.tags!.start + from + t.start, end: layout.tags!.start + from + t.end }))
    cable.spans.tags = span(layout.tags)
  }

  // SUBJECT, with its portion mark
  if (layout.subject) {
    const value = squashed(layout.subject).replace(/^(?:SUBJECT|SUBJ|UBJECT)\b\s*[:.]?\s*/i, '')
    const pm = /^\(([^)]{1,60})\)\s*/.exec(value)
    if (pm && looksLikeMark(pm[1])) {
      cable.subjectMarking = normalizeMark(pm[1])
      cable.subject = value.slice(pm[0].length)
      const at = text.indexOf(`(${pm[1]})`, layout.subject.start)
      if (at !== -1) cable.spans.subjectMarking = span({ start: at + 1, end: at + 1 + pm[1].length })
    } else {
      cable.subject = value
    }
    cable.spans.subject = span(layout.subject)
  }

  // REF: the cable's block, then the others (a repeated header block, a block lettered on, one inside a paragraph)
  const bodyRefs = layout.paras.length ? bodyRefBlocks(text, lines, layout.kinds, layout.paras[0].line) : []
  if (layout.ref || bodyRefs.length) {
    const citing = {
      year: ctx.yearSource,
      origin: cable.mrn && !/^X+$/.test(cable.mrn.origin.replace(/\s/g, '')) ? cable.mrn.origin : null,
      addressee: actionAddresseeOrigin(ctx.header.to ?? cable.to),
      memo: ctx.citations,
    }
    const readBlock = (r: Range): Reference[] => {
      // a legacy page header may run on into the next item (`PAGE 02 … 061419Z C. QUORIN 1091`): only the header goes
      const masked = maskPageHeaders(text, lines, headers, r, true)
      const raw = masked.includes('¶') ? masked.replace(/¶/g, ' ') : masked
      const label = REF_LABEL.exec(raw)
      const from = label ? label.index + label[0].length : 0
      return splitReferences(raw.slice(from), citing).map((item) => ({
        letter: item.letter,
        id: item.id,
        text: item.text,
        kind: item.kind,
        span: span({ start: r.start + from + item.start, end: r.start + from + item.end }),
      }))
    }
    if (layout.ref) {
      cable.references = readBlock(layout.ref)
      cable.spans.references = span(layout.ref)
    }
    const others = layout.unplacedRefs.map((r) => ({ range: r, items: readBlock(r), body: false }))
    for (const r of bodyRefs) others.push({ range: r, items: readBlock(r), body: true })
    for (const u of placeRefBlocks(cable.references, others)) {
      ctx.diagnostics.push({ code: 'UNPLACED_REF', severity: 'warning', message: u.message, span: u.item?.span ?? span(u.range!) })
    }
    for (const r of cable.references) {
      const word = r.id === null ? unresolvedTelegramWord(r.text, citing) : null
      if (!word) continue
      ctx.diagnostics.push({
        code: 'REF_TELEGRAM_WORD',
        severity: 'warning',
        message: `REF${r.letter ? ` ${r.letter}` : ''} (${r.text}) names a telegram by the word ${word.word}, whose origin cannot be known here (${word.reason}): the item is left without an id`,
        span: r.span ?? emptySpan(),
      })
    }
  }

  // Classified By
  if (layout.classifiedBy) {
    cable.classifiedBy = withSpan(parseClassifiedBy(squashed(layout.classifiedBy)), span(layout.classifiedBy))
    cable.spans.classifiedBy = span(layout.classifiedBy)
  } else {
    readClassifiedByInParagraphOne(cable, ctx)
  }

  // Paragraphs, with the unnumbered blocks that open with a portion mark (number 0) in text order
  cable.paragraphs = readParagraphs(ctx)
  if (layout.markedBlocks.length) cable.paragraphs = withMarkedBlocks(cable.paragraphs, ctx)

  // Signature: its own line(s), or glued to the end of the last line (`… End comment. CRETZ`)
  // an end-of-message marker glued to the name (`DOE NNNN`) ends the message: it is no part of the signer
  cable.signers = layout.signature.map((i) => lines[i].text.trim().replace(GLUED_END_MARKER, ''))
  if (layout.signature.length) {
    cable.spans.signature = index.span(lines[layout.signature[0]].start, lines[layout.signature[layout.signature.length - 1]].end)
  } else {
    readGluedSignature(cable, ctx)
  }

  // The archive's trailer: end marker, attribute block, stamps
  if (layout.trailer !== null) readTrailer(cable, ctx, layout.trailer)

  // Summary and comment, from the text after the front matter
  // a fragment (no class line) may hold a SUMMARY before its first numbered paragraph
  const bodyFrom = layout.paras.length && layout.classLine !== null ? lines[layout.paras[0].line].start : layout.subject?.end ?? 0
  const bodyTo = layout.signature.length ? lines[layout.signature[0]].start : layout.trailer !== null ? lines[layout.trailer].start : text.length
  const body = maskPageHeaders(text, lines, headers, { start: bodyFrom, end: bodyTo })
  const hits = keywordHits(body)
  const summary = findSummary(hits)
  if (summary) {
    cable.summary = summary.text
    cable.spans.summary = span({ start: bodyFrom + summary.start, end: bodyFrom + summary.end })
  }
  const comment = findComments(hits)
  if (comment) {
    cable.comment = comment.text
    cable.spans.comment = span({ start: bodyFrom + comment.start, end: bodyFrom + comment.end })
  }

  // Sections
  if (cable.sections === null) cable.sections = layout.sectionsFromPages ?? (cable.mrn ? 1 : null)

  // Overall classification in the publisher's terms; without any banner, the highest portion mark
  const stated = level
  if (level === null) level = highestPortionLevel(cable, ctx)
  checkMarks(cable, ctx, stated, captions)
  if (level !== null) {
    // Cablegate derives //NOFORN from the caption, not from NOFORN portions (measured: following the portions
    // raises disagreement with the publisher from 62 to 146 cables of 5,202)
    const captionsSeen = classLineNoforn(ctx) && !captions.includes('NOFORN') ? [...captions, 'NOFORN'] : captions
    // a class-line marking nobody can read stays as written: access control reads it with the marking parser and
    // fails closed (TOP SECRET, marking not understood), lint refuses it
    cable.classification = unreadableClassLine ?? overallClassification(level, captionsSeen)
  }
}

/**
 * Adds the span to a freshly parsed value: the same object (and key order) as `{ ...value, span }`, without
 * the copy, which was a measurable share of readFields.
 */
function withSpan<T extends object>(value: T, span: Span): T & { span: Span } {
  const out = value as T & { span: Span }
  out.span = span
  return out
}

function highestPortionLevel(cable: Cable, ctx: FieldContext): Level | null {
  let best: Level | null = null
  // numbered paragraphs and the subject only: a mark opening an unnumbered block may head a list of any level
  for (const mark of [cable.subjectMarking, ...cable.paragraphs.map((p) => (p.number > 0 ? p.marking : null))]) {
    const r = mark ? parseMarking(mark) : null
    const level = r === null ? null : r.ok ? r.parts.level : (r.failClosed?.level ?? null)
    if (level !== null && (best === null || LEVEL_RANK[level] > LEVEL_RANK[best])) best = level
  }
  if (best !== null) {
    ctx.diagnostics.push({
      code: 'NO_CLASS_LINE',
      severity: 'info',
      message: `No classification line: the level ${best} is inferred from the highest portion mark`,
      span: emptySpan(),
    })
  }
  return best
}

const RESTRICTIVE: readonly string[] = RESTRICTIVE_CAVEATS

/**
 * Every portion mark (subject and paragraphs, numbered or not) goes through the marking parser: an unreadable
 * one is a BAD_MARKING error at the mark (access control then fails closed); a self-contradicting one (REL TO
 * with NOFORN) is a BAD_MARKING error too, and counts as its stricter reading (NOFORN); a mark above the stated level, or
 * naming a restrictive caveat the captions and class line do not, is PORTION_ABOVE_OVERALL (spec §7 rules 1
 * and 4): the archive stores the highest level and every caveat found.
 */
function checkMarks(cable: Cable, ctx: FieldContext, stated: Level | null, captions: readonly string[]): void {
  const { layout, index } = ctx
  const sites: { mark: string; start: number; end: number }[] = []
  if (cable.subjectMarking) {
    const s = cable.spans.subjectMarking
    sites.push({ mark: cable.subjectMarking, start: s?.start.offset ?? layout.subject?.start ?? 0, end: s?.end.offset ?? layout.subject?.start ?? 0 })
  }
  // fields copied by name: an object spread per paragraph was a visible share of this function
  for (const p of layout.paras) if (p.marking && p.markRange) sites.push({ mark: p.marking, start: p.markRange.start, end: p.markRange.end })
  for (const p of layout.markedBlocks) if (p.marking && p.markRange) sites.push({ mark: p.marking, start: p.markRange.start, end: p.markRange.end })
  if (sites.length === 0) return
  // filled by a loop: flatMap (no fast path in V8) cost more than the rest of the set-up
  const held = new Set<string>()
  for (const caption of captions) for (const caveat of caveatsOfCaption(caption)) held.add(caveat)
  if (/\bNOFORN\b/i.test(layout.classMatch?.[7] ?? '')) held.add('NOFORN')
  let highest: { level: Level; at: (typeof sites)[number] } | null = null
  const missing = new Map<string, (typeof sites)[number]>()
  for (const site of sites) {
    const r = parseMarking(site.mark)
    if (!r.ok) {
      const from = Math.min(site.start + r.error.start, site.end)
      ctx.diagnostics.push({
        code: 'BAD_MARKING',
        severity: 'error',
        message: r.failClosed
          ? `Portion mark (${site.mark}) contradicts itself: ${r.error.message}; the cable is filed under the stricter reading (${[r.failClosed.level, ...r.failClosed.caveats].filter(Boolean).join('//')}, no foreign release)`
          : `Portion mark (${site.mark}) cannot be read: ${r.error.message}; the cable is held at the highest level`,
        span: index.span(from, Math.max(from, Math.min(site.start + r.error.end, site.end))),
      })
    }
    const parts = r.ok ? r.parts : r.failClosed
    if (!parts) continue
    const level = parts.level
    if (level !== null && (highest === null || LEVEL_RANK[level] > LEVEL_RANK[highest.level])) highest = { level, at: site }
    for (const c of parts.caveats) if (RESTRICTIVE.includes(c) && !held.has(c) && !missing.has(c)) missing.set(c, site)
  }
  if (stated !== null && highest !== null && LEVEL_RANK[highest.level] > Math.max(LEVEL_RANK[stated], LEVEL_RANK.SBU)) {
    ctx.diagnostics.push({
      code: 'PORTION_ABOVE_OVERALL',
      severity: 'warning',
      message: `Portion mark (${highest.at.mark}) is above the stated ${stated}: the cable is filed at ${highest.level}`,
      span: index.span(highest.at.start, highest.at.end),
    })
  }
  for (const [caveat, site] of missing) {
    ctx.diagnostics.push({
      code: 'PORTION_ABOVE_OVERALL',
      severity: 'warning',
      message: `Portion mark (${site.mark}) names ${caveat}, which no caption states: the cable is filed with ${caveat}`,
      span: index.span(site.start, site.end),
    })
  }
}

const GLUED_SIGNATURE = /(?:[.!?)"]|X{4,}|\*{3,})\s+([A-Z][A-Z'-]{2,}(?: [A-Z][A-Z'-]{2,})?)\s*$|(?:X{4,}|\*{3,})\s+([A-Z][a-z][A-Za-z'-]+)\s*$/

/** `[A-Za-z'-]`, the characters of a signed name (GLUED_SIGNATURE's name classes all lie within it). */
const isNameCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 || c === 45

/**
 * Whether the line ends (before trailing white space) with a run of name characters (`isNameCode`) that white space
 * precedes: GLUED_SIGNATURE can match nowhere else, for its name ends the line and white space opens its last word.
 * Most last lines end a sentence (`… stalled.`): read from the end, this rules them out without the regex's scan of
 * the whole line from its start.
 */
function endsWithSpacedWord(t: string): boolean {
  let e = t.length
  while (e > 0 && isSpaceCode(codeAt(t, e - 1))) e--
  let k = e
  while (k > 0 && isNameCode(codeAt(t, k - 1))) k--
  return k < e && k > 0 && isSpaceCode(codeAt(t, k - 1))
}

const ATTRIBUTE = /^\s*([A-Z][A-Za-z0-9 ./()&'-]{0,40}?)\s*:\s*(.*?)\s*$/

/** An end-of-message marker after other text on its line (`DOE NNNN`, `DOE NNNNMAFVVZCZ`): spec §5.11. */
const GLUED_END_MARKER = /\s+(?:N{3,4}|N{4}[A-Z]{1,12}|<<\s*END\s+OF\s+DOCUMENT\s*>>)$/i

function readTrailer(cable: Cable, ctx: FieldContext, first: number) {
  const { lines, index } = ctx
  const trailer: NonNullable<Cable['trailer']> = { marker: null, attributes: {}, lines: [] }
  // a marker may sit just above the trailer's first line among the wire trailer lines (BT, #ssn)
  for (let i = Math.max(0, first - 4); i < lines.length; i++) {
    const t = lines[i].text
    if (lines[i].blank || (i < first && ctx.layout.kinds[i] !== 'envelope')) continue
    if (trailer.marker === null && (END_MARKER.test(t) || /^\s*NNNN\s*$/.test(t))) {
      trailer.marker = t.trim()
      continue
    }
    if (i < first) continue
    if (/^\s*(?:MESSAGE|DOCUMENT|TELEGRAM)\s+ATTRIBUTES\s*:?\s*$/i.test(t)) continue
    const m = ATTRIBUTE.exec(t)
    if (m) trailer.attributes[m[1]] = m[2]
    else trailer.lines.push(t.trim())
  }
  trailer.span = index.span(lines[first].start, lines[lines.length - 1].end)
  cable.trailer = trailer
  cable.spans.trailer = trailer.span
}

function readGluedSignature(cable: Cable, ctx: FieldContext) {
  const { lines, layout } = ctx
  if (!layout.paras.length) return
  let i = lines.length - 1
  while (i > layout.paras[0].line && (lines[i].blank || layout.kinds[i] === 'pageHeader' || layout.kinds[i] === 'envelope' || layout.kinds[i] === 'trailer')) i--
  if (layout.kinds[i] !== 'lines' && layout.kinds[i] !== 'para') return
  const m = endsWithSpacedWord(lines[i].text) ? GLUED_SIGNATURE.exec(lines[i].text) : null
  if (!m) return
  const name = m[1] ?? m[2]
  const end = lines[i].start + m.index + m[0].trimEnd().length
  cable.signers = [name]
  cable.spans.signature = ctx.index.span(end - name.length, end)
  // the name is the signature, not the last words of the paragraph it is glued to (spec §5.11)
  const last = cable.paragraphs[cable.paragraphs.length - 1]
  if (last && last.span && last.span.end.offset >= end) {
    const text = last.text.trimEnd()
    if (text.endsWith(name)) last.text = text.slice(0, text.length - name.length).trimEnd()
  }
}

function classLineNoforn(ctx: FieldContext): boolean {
  const extra = ctx.layout.classMatch?.[7] ?? ''
  return /\bNOFORN\b/i.test(extra)
}

/** Without a class line or FL4, a banner with the class word alone (e-mail printouts, legacy headers). */
function bannerLevel(lines: Line[]): Level | null {
  const limit = Math.min(lines.length, 60)
  for (let i = 0; i < limit; i++) {
    const m = CLASS_WORD_ONLY.exec(lines[i].text) ?? /^\s*(UNCLASSIFIED|CONFIDENTIAL|SECRET)\s{2,}\S+\s*$/.exec(lines[i].text)
    if (m) return levelOfClassWord(m[1])
  }
  return null
}

function readClassifiedByInParagraphOne(cable: Cable, ctx: FieldContext) {
  const p = ctx.layout.paras[0]
  if (!p) return
  const line = ctx.lines[p.line]
  const m = /\bCLASSIFIED\s+BY\b[^\n]*/i.exec(line.text)
  if (!m) return
  const r = { start: line.start + m.index, end: line.end }
  cable.classifiedBy = withSpan(parseClassifiedBy(m[0]), ctx.index.span(r.start, r.end))
  cable.spans.classifiedBy = cable.classifiedBy.span
}

function readParagraphs(ctx: FieldContext): Paragraph[] {
  const { text, lines, layout, index } = ctx
  const paras: Paragraph[] = []
  const stopAt = layout.signature.length ? layout.signature[0] : layout.trailer ?? lines.length
  // the offsets of every ¶ (the web rendering has one per paragraph) spare a search of each line for one
  const pilcrows = pilcrowOffsets(text, ctx.firstPilcrow ?? text.indexOf('¶'))
  let nextPilcrow = 0
  for (let k = 0; k < layout.paras.length; k++) {
    const p = layout.paras[k]
    const last = Math.min(k + 1 < layout.paras.length ? layout.paras[k + 1].line : lines.length, stopAt)
    // text as written: lines of a block joined by one space, non-empty blocks by a line break; built by
    // appending (no arrays of lines and blocks to allocate and join)
    let out = ''
    let block = ''
    let inBlock = false
    let endOffset = lines[p.line].end
    for (let i = p.line; i < last; i++) {
      const kind = layout.kinds[i]
      if (lines[i].blank || kind === 'pageHeader' || kind === 'signature') {
        if (inBlock && block !== '') out = out === '' ? block : `${out}\n${block}`
        block = ''
        inBlock = false
        continue
      }
      const line = lines[i]
      const lineFrom = i === p.line ? p.textStart : line.start
      // lines come in text order across all paragraphs, so one cursor walks the ¶ offsets
      while (nextPilcrow < pilcrows.length && pilcrows[nextPilcrow] < lineFrom) nextPilcrow++
      const hasPilcrow = nextPilcrow < pilcrows.length && pilcrows[nextPilcrow] < line.end
      const piece = hasPilcrow ? text.slice(lineFrom, line.end).replace(/¶/g, '').trim() : trimmedSlice(text, line, lineFrom)
      block = inBlock ? `${block} ${piece}` : piece
      inBlock = true
      endOffset = lines[i].end
    }
    if (inBlock && block !== '') out = out === '' ? block : `${out}\n${block}`
    paras.push({
      number: p.number,
      marking: p.marking,
      text: out,
      span: index.span(lines[p.line].start + (lines[p.line].text.length - lines[p.line].text.trimStart().length), endOffset),
    })
  }
  return paras
}

/** Adds the marked unnumbered blocks (number 0, text up to the block's end) to the paragraphs, in text order. */
function withMarkedBlocks(paras: Paragraph[], ctx: FieldContext): Paragraph[] {
  const { lines, layout, index } = ctx
  const out = [...paras]
  for (const b of layout.markedBlocks) {
    let last = b.line
    while (last + 1 < lines.length && !lines[last + 1].blank && layout.kinds[last + 1] === 'lines') last++
    const text = collapseSpace(ctx.text.slice(b.textStart, lines[last].end).replace(/¶/g, ' ')).trim()
    const line = lines[b.line]
    out.push({ number: 0, marking: b.marking, text, span: index.span(line.start + (line.text.length - line.text.trimStart().length), lines[last].end) })
  }
  return out.sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0))
}

/**
 * `text.slice(from, line.end).trim()` (`\s` is the set `trim` removes), cut once from the text: the line's own
 * string when the cut is the whole line, no slice and trimmed copy of it per indented or space-ended line.
 */
function trimmedSlice(text: string, line: Line, from: number): string {
  let a = from
  let b = line.end
  while (a < b && isSpaceCode(codeAt(text, a))) a++
  while (b > a && isSpaceCode(codeAt(text, b - 1))) b--
  return a === line.start && b === line.end ? line.text : text.slice(a, b)
}

const NO_OFFSETS: readonly number[] = []

/** Offsets of every ¶ in the text, the first of which is at `first` (-1: none). */
function pilcrowOffsets(text: string, first: number): readonly number[] {
  let at = first
  if (at === -1) return NO_OFFSETS
  const offsets: number[] = []
  for (; at !== -1; at = text.indexOf('¶', at + 1)) offsets.push(at)
  return offsets
}

/** Indexes of the page-header lines, in text order. */
function pageHeaderLines(kinds: readonly string[]): number[] {
  const out: number[] = []
  for (let i = 0; i < kinds.length; i++) if (kinds[i] === 'pageHeader') out.push(i)
  return out
}

/** A legacy page header as far as its own syntax goes (spec §5.3), where text may run on after its DTG. */
const PAGE_HEADER_PROPER = /^\s*PAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]*?\s+\d{3,6}(?:\s+\d{1,2}\s+OF\s+\d{1,2})?(?:\s+\d{6}Z)?(?=\s|$)/

/**
 * Replaces page-header lines (`headers`, their indexes in text order) inside a range with spaces, keeping
 * offsets; with `keepTail`, of a legacy header line only the header itself (`PAGE_HEADER_PROPER`). The pieces
 * are joined once: splicing each header into the string in turn would copy the range once per header.
 */
function maskPageHeaders(text: string, lines: Line[], headers: readonly number[], r: Range, keepTail = false): string {
  let parts: string[] | null = null
  let at = r.start
  for (const i of headers) {
    const l = lines[i]
    if (l.start >= r.end) break // lines are in text order: none further can overlap
    if (l.end <= r.start) continue
    const own = keepTail ? PAGE_HEADER_PROPER.exec(l.text) : null
    const a = Math.max(l.start, r.start)
    const b = Math.min(own ? l.start + own[0].length : l.end, r.end)
    parts ??= []
    parts.push(text.slice(at, a), ' '.repeat(b - a))
    at = b
  }
  if (parts === null) return text.slice(r.start, r.end)
  parts.push(text.slice(at, r.end))
  return parts.join('')
}
