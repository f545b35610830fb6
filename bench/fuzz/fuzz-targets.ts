import fc from 'fast-check'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readRecords, isProblem } from '../../src/archive/import/read-records.js'
import type { InputFile } from '../../src/archive/import/import-types.js'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { QuerySyntaxError } from '../../src/archive/query/query-error.js'
import { searchArchive } from '../../src/archive/search-archive.js'
import { synthCables } from '../../src/archive/synth/synth-cable.js'
import { cableText } from '../../src/archive/synth/write-synth.js'
import { parseCable } from '../../src/format/parse.js'
import { renderLossless } from '../../src/format/render-lossless.js'
import { lintCable } from '../../src/lint/index.js'
import { draftFromText } from '../../src/messaging/draft-input.js'
import { ServiceError } from '../../src/messaging/service-error.js'
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { corpusDir } from '../corpus/corpus-files.js'

/**
 * What `npm run fuzz` runs: for each target, inputs (fast-check arbitraries built from real or synthetic
 * cables and mutations of them) and the property every input must keep. A property fails by throwing;
 * fast-check then shrinks the input to a small counterexample.
 */
export interface FuzzTarget {
  name: string
  /** One line for the report: what is checked. */
  checks: string
  property(): fc.IProperty<[unknown]> | fc.IAsyncProperty<[unknown]>
  /** Releases what `property` opened (a database, a temporary folder). */
  close?(): void
}

/** Cable texts to mutate: the real corpus when `../shared/corpus` is beside the repository, else synthetic. */
export function seedTexts(limit = 400): { texts: string[]; source: string } {
  const dir = corpusDir()
  if (dir) {
    const files = readdirSync(join(dir, 'cables')).sort()
    const step = Math.max(1, Math.floor(files.length / limit))
    const texts = files.filter((_, i) => i % step === 0).slice(0, limit).map((f) => readFileSync(join(dir, 'cables', f), 'utf8'))
    return { texts, source: `../shared/corpus (${texts.length} cables)` }
  }
  const texts = [...synthCables(Math.min(limit, 200), 17)].map(cableText)
  return { texts, source: `synthetic (${texts.length} cables; ../shared/corpus absent)` }
}

/** Fragments that matter to the parser: header words, marks, separators, control characters, wide characters. */
const FRAGMENTS = [
  '\n', '\r\n', '\r', '\t', ' ', '\u0000', '\u001b[31m', '\u2028', '\ufeff', 'é', '𝒜', '\ud800',
  'SECRET', 'S//NF', '(S//NF)', '(TS)', '(C)', '(U)', '(SBU)', 'NOFORN', 'SIPDIS', 'NODIS', 'EXDIS', 'REL TO',
  'SUBJECT:', 'SUBJ:', 'REF:', 'REF: A.', 'TAGS:', 'E.O. 12958:', 'E.O. 13526:', 'CLASSIFIED BY:', 'TO ', 'FM ', 'INFO ',
  'SECSTATE WASHDC', 'AMEMBASSY HARARE', 'R 241553Z SEP 09', 'O 091553Z May 05', 'ZFF', 'ZEN/', 'PAGE 02 OF 03',
  'SECTION 01 OF 02', 'END SUMMARY.', 'SUMMARY:', '1.', '12.', '¶', 'NNNN', '<< END OF DOCUMENT >>', '"', ',', '\\',
  '<html>', '</pre>', '&amp;', '&#', 'BT', '#0001', '09STATE99704', '1974KINSHA01234',
]

/** One edit of a text, chosen by fast-check. */
type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'case'; at: number; length: number }

const position = fc.double({ min: 0, max: 1, noNaN: true })
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: position, length: fc.nat(200) }),
  fc.record({ op: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 12 })) }),
  fc.record({ op: fc.constant('duplicate' as const), at: position, length: fc.nat(400) }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('swapLines' as const), a: position, b: position }),
  fc.record({ op: fc.constant('case' as const), at: position, length: fc.nat(80) }),
)

/** Applies edits in order; positions are fractions of the current length, so any edit fits any text. */
export function mutate(text: string, edits: Mutation[]): string {
  let s = text
  for (const m of edits) {
    const at = (f: number) => Math.floor(f * s.length)
    switch (m.op) {
      case 'delete':
        s = s.slice(0, at(m.at)) + s.slice(at(m.at) + m.length)
        break
      case 'insert':
        s = s.slice(0, at(m.at)) + m.text + s.slice(at(m.at))
        break
      case 'duplicate':
        s = s.slice(0, at(m.at) + m.length) + s.slice(at(m.at), at(m.at) + m.length) + s.slice(at(m.at) + m.length)
        break
      case 'truncate':
        s = s.slice(0, at(m.at))
        break
      case 'swapLines': {
        const lines = s.split('\n')
        const a = Math.floor(m.a * lines.length)
        const b = Math.floor(m.b * lines.length)
        ;[lines[a], lines[b]] = [lines[b], lines[a]]
        s = lines.join('\n')
        break
      }
      case 'case':
        s = s.slice(0, at(m.at)) + s.slice(at(m.at), at(m.at) + m.length).toLowerCase() + s.slice(at(m.at) + m.length)
        break
    }
  }
  return s
}

/** Texts from `seeds` with up to `maxEdits` edits, and now and then text made of fragments alone or random code units. */
export function mutatedText(seeds: string[], maxEdits = 6): fc.Arbitrary<string> {
  return fc.oneof(
    // a window of a seed (the whole cable now and then; mostly its first lines, where the header rules are),
    // so a million inputs take minutes rather than hours
    {
      weight: 8,
      arbitrary: fc
        .tuple(fc.nat(seeds.length - 1), fc.oneof(fc.constant(0), position), fc.oneof({ weight: 6, arbitrary: fc.nat(1200) }, { weight: 1, arbitrary: fc.constant(Infinity) }), fc.array(mutation, { maxLength: maxEdits }))
        .map(([i, from, length, edits]) => {
          const seed = seeds[i]
          const start = Math.floor(from * seed.length)
          return mutate(seed.slice(start, start + length), edits)
        }),
    },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS, 'HARARE', 'minister', ' said ', '000123'), { maxLength: 60 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  )
}

/** Parser: never throws, and the lossless rendering gives back the input exactly. */
export function parserTarget(seeds: string[]): FuzzTarget {
  return {
    name: 'parser',
    checks: 'parseCable never throws; renderLossless(parseCable(t)) === t',
    property: () =>
      fc.property(mutatedText(seeds), (t) => {
        const cable = parseCable(t as string)
        if (renderLossless(cable) !== t) throw new Error('renderLossless(parseCable(t)) differs from t')
      }) as fc.IProperty<[unknown]>,
  }
}

/** Linter: every rule runs on anything the parser accepts, in both modes, without throwing. */
export function lintTarget(seeds: string[]): FuzzTarget {
  return {
    name: 'lint',
    checks: 'lintCable (archive and compose mode) never throws; every message has a span inside the text',
    property: () =>
      fc.property(mutatedText(seeds, 4), fc.boolean(), (t, compose) => {
        const text = t as string
        const messages = lintCable(parseCable(text), { mode: compose ? 'compose' : 'archive' })
        for (const m of messages) {
          const { start, end } = m.span
          if (!(start.line >= 1 && start.column >= 1 && start.offset >= 0 && end.offset >= start.offset && end.offset <= text.length)) {
            throw new Error(`${m.ruleId}: span ${JSON.stringify(m.span)} outside the text (${text.length} code units)`)
          }
        }
      }) as unknown as fc.IProperty<[unknown]>,
  }
}

const QUERY_PIECES = [
  'a', 'b*', '"c d"', '"', '(', ')', 'AND', 'OR', 'NOT', '-', '-(', '-"x y"', 'NEAR/2', 'NEAR', 'NEAR/99999', 'tag:', 'tag:P*',
  'tag:(A OR B)', 'subject:', 'to:(x', 'class>=', 'SECRET', 'class:NOFORN', 'date:2009..', 'date<2010-02', 'id:', 'id:09STATE1',
  'cites:09STATE1', 'origin:"San Jose"', 'caption:SIPDIS', 'precedence:FLASH', ':', '*', '{', '}', '^', "'", 'x:y', 'é', '09STATE1',
  'caption:"NO FORN"', '\u0000', '\n', '((', '))', 'minister', 'said', 'harare',
]

/** Query language: any string gives hits or a positioned `QuerySyntaxError`, never an engine error. */
export function queryTarget(seeds: string[]): FuzzTarget {
  let store: SqliteStore | null = null
  const records = seeds.slice(0, 40).map((t) => t)
  return {
    name: 'query',
    checks: 'parseQuery gives a tree or a QuerySyntaxError with a column inside the query; the engine answers every tree',
    property: () => {
      store = openSqliteStore(':memory:')
      const ready = (async () => {
        const { toCableRecord } = await import('../../src/archive/cable-record.js')
        await store!.upsertCables(
          records.map((t, i) => toCableRecord(parseCable(t), t, { locator: `seed#${i}`, rendering: 'text', sha256: String(i).padStart(64, '0'), importedAt: '2026-01-01T00:00:00Z', metadata: {} })),
        )
      })()
      const query = fc.oneof(
        { weight: 6, arbitrary: fc.tuple(fc.array(fc.oneof(fc.constantFrom(...QUERY_PIECES), fc.string({ maxLength: 4 })), { maxLength: 12 }), fc.boolean()).map(([p, spaced]) => p.join(spaced ? ' ' : '')) },
        { weight: 1, arbitrary: fc.tuple(fc.nat(80), fc.constantFrom('(', 'NOT ', '-(', '-')).map(([n, open]) => open.repeat(n) + 'minister' + (open.includes('(') ? ')'.repeat(n) : '')) },
        { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 4990, max: 5010 })), fc.constantFrom(' OR id:09X', ' -w', ' OR tag:T', ' AND "a b"')).map(([n, piece]) => 'minister' + Array.from({ length: n }, (_, i) => piece + i).join('')) },
      )
      return fc.asyncProperty(query, fc.constantFrom('rank', 'date', 'date-desc'), fc.boolean(), async (q, sort, facets) => {
        await ready
        let tree
        try {
          tree = parseQuery(q as string)
        } catch (error) {
          if (!(error instanceof QuerySyntaxError)) throw error
          if (!(error.column >= 1 && error.column <= (q as string).length + 1)) throw new Error(`column ${error.column} outside the query`)
          return
        }
        void tree
        const r = await searchArchive(store!, { query: q as string, sort: sort as 'rank', limit: 5, facets, snippets: true })
        for await (const _ of r.hits) void _
      }) as unknown as fc.IAsyncProperty<[unknown]>
    },
    close: () => void store?.close(),
  }
}

const DRAFT_SEED = `precedence: IMMEDIATE
to:
  - AMEMBASSY DUSHANBE
info:
  - name: ALL SOUTH AND CENTRAL ASIA COLLECTIVE
    precedence: ROUTINE
    xmt: [AMEMBASSY KABUL]
classification: CONFIDENTIAL
captions: [NOFORN, SIPDIS]
eo: { order: '13526', declassify: 2036-01-01 }
tags: [PREL, SNAR, TI]
subject:
  marking: C
  text: BORDER GUARD TRAINING FOR THE RIVER CROSSINGS
body:
  - marking: C//NF
    text: The first cohort of thirty guards begins training on June 2.
  - lines: [Participants, Ministry of Interior]
  - marking: U
    text: Post should confirm the venue.
signature: [DOE]
clearers: [carl]
`

/** Draft input: any YAML or JSON text is a draft or an INVALID ServiceError, never another error. */
export function draftTarget(): FuzzTarget {
  const anyValue = fc.jsonValue({ maxDepth: 3 })
  return {
    name: 'draft',
    checks: 'draftFromText gives a draft or a ServiceError INVALID',
    property: () =>
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: fc.array(mutation, { maxLength: 5 }).map((edits) => mutate(DRAFT_SEED, edits)) },
          { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('precedence', 'to', 'info', 'classification', 'captions', 'eo', 'tags', 'subject', 'body', 'signature', 'clearers', 'clearer', 'references'), anyValue).map((o) => JSON.stringify(o)) },
          { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
        ),
        (t) => {
          try {
            draftFromText(t as string)
          } catch (error) {
            if (!(error instanceof ServiceError) || error.code !== 'INVALID') throw error
          }
        },
      ) as fc.IProperty<[unknown]>,
  }
}

const KINDS: { ext: string; kind: InputFile['kind'] }[] = [
  { ext: 'txt', kind: 'text' },
  { ext: 'html', kind: 'html' },
  { ext: 'csv', kind: 'csv' },
  { ext: 'jsonl', kind: 'jsonl' },
]

/** Containers of one cable text, so the mutations hit each decoder's syntax too. */
function containerOf(text: string, kind: InputFile['kind']): string {
  const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`
  switch (kind) {
    case 'html':
      return `<html><head><title>Cable</title></head><body><table><tr><td>Created</td><td>2009-09-24 15:53</td></tr></table><pre>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`
    case 'csv':
      return `1,"9/24/2009 15:53","09HARARE1","Embassy Harare","CONFIDENTIAL","",${csvCell(text.slice(0, 300))},${csvCell(text.slice(300))}\n`
    case 'jsonl':
      return JSON.stringify({ id: '09HARARE1', text }) + '\n'
    default:
      return text
  }
}

/** Import: mutated files of every container type are stored or reported as problems, never fatal. */
export function importTarget(seeds: string[]): FuzzTarget {
  const dir = mkdtempSync(join(tmpdir(), 'cablegram-fuzz-'))
  let store: SqliteStore | null = null
  let n = 0
  return {
    name: 'import',
    checks: 'a mutated .txt/.html/.csv/.jsonl file yields records or problems (never an exception); every record stores and reads back',
    property: () => {
      store = openSqliteStore(':memory:')
      return fc.asyncProperty(fc.nat(KINDS.length - 1), fc.nat(seeds.length - 1), fc.array(mutation, { maxLength: 5 }), async (k, i, edits) => {
        const { ext, kind } = KINDS[k as number]
        const bytes = mutate(containerOf(seeds[i as number], kind), edits as Mutation[])
        const path = join(dir, `f${n++ % 8}.${ext}`)
        writeFileSync(path, bytes)
        const records = []
        for await (const x of readRecords([{ path, kind, bytes: Buffer.byteLength(bytes) }], () => {}, () => new Date(0))) if (!isProblem(x)) records.push(x)
        if (records.length) {
          await store!.upsertCables(records)
          for (const r of records) if (!(await store!.getCable(r.key))) throw new Error(`stored record ${r.key} does not read back`)
        }
      }) as unknown as fc.IAsyncProperty<[unknown]>
    },
    close: () => {
      void store?.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Every target, in the order `npm run fuzz` runs them. */
export function fuzzTargets(seeds: string[]): FuzzTarget[] {
  return [parserTarget(seeds), lintTarget(seeds), queryTarget(seeds), draftTarget(), importTarget(seeds)]
}
