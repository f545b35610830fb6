import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { binaryArray, PG_OID } from '../../src/store/postgres/pg-binary.js'
import { cableVector, cableVectorText, subjectVector } from '../../src/store/postgres/pg-tsvector.js'
import { openStore } from '../../src/store/open-store.js'
import { prepareRecord } from '../../src/store/prepare-record.js'
import { usePostgres } from '../support/postgres.js'
import { makeRecord } from './make-record.js'

/*
 * The writer hands PostgreSQL its word vectors in the binary tsvector format. PostgreSQL's own parser of
 * the text form is the reference: the binary vectors must be the very vectors it reads from the text.
 */

const server = await usePostgres('pg-tsvector')

/** Cables whose vectors meet every rule of the builder. */
const CASES: [string | null, string[], string][] = [
  ['NUCLEAR TALKS', ['AMEMBASSY PARIS', 'SECSTATE WASHDC'], 'Talks went well. Talks continue.'],
  // a word past its 256th occurrence goes to overflow lexemes; positions past 16,383 collapse onto it
  ['the THE', [], Array.from({ length: 20_000 }, (_, i) => (i % 3 ? 'the' : `w${i % 50}`)).join(' ')],
  // too long a token is left out; accents fold; letters outside the BMP and above U+E000 sort by UTF-8 bytes
  [null, [], `${'x'.repeat(2500)} ok ${'é'.repeat(700)} 𝐀b \uE000a 𝐀a \uFB00 Ünïcode straße`],
  ['', [], ''],
  // more than PostgreSQL's 1 MB: the positions are dropped, the words stay
  ['big', [], Array.from({ length: 100_000 }, (_, i) => `u${i}`).join(' ')],
]

describe.skipIf(!server.available)('binary tsvectors on PostgreSQL', () => {
  let client: pg.Client
  beforeAll(async () => {
    client = new pg.Client(server.url())
    await client.connect()
  })
  afterAll(async () => {
    await client?.end()
  })

  it('equal what PostgreSQL parses from the text form', async () => {
    const binary = CASES.map((c) => cableVector(...c))
    const text = CASES.map((c) => cableVectorText(...c))
    const { rows } = await client.query<{ i: string; fts: boolean; to: boolean; shown: string }>(
      `SELECT i, a = b::tsvector AS fts, c = d::tsvector AS to, left(a::text, 60) AS shown
       FROM unnest($1::tsvector[], $2::text[], $3::tsvector[], $4::text[]) WITH ORDINALITY AS u(a, b, c, d, i) ORDER BY i`,
      [binaryArray(PG_OID.tsvector, binary.map((v) => v.fts)), text.map((v) => v.fts), binaryArray(PG_OID.tsvector, binary.map((v) => v.to)), text.map((v) => v.to)],
    )
    expect(rows.map((r) => [r.fts, r.to])).toEqual(CASES.map(() => [true, true]))
    expect(rows[0].shown).toBe("'continue':8 'nuclear':1A 'talks':2A,4,7 'well':6 'went':5")
    expect(binary.map((v) => v.maxBucket)).toEqual([0, 52, 0, 0, 0])
  })

  it('store the subject alone, every word of it: the subject part (weight A) of the cable vector', async () => {
    const subject = `Nuclear talks: talks go on ${'more '.repeat(300)} last`
    const { rows } = await client.query<{ v: string; n: number; same: boolean }>(
      `SELECT $1::tsvector::text AS v, length($2::tsvector) AS n, setweight($2::tsvector, 'A')::text = ts_filter($3::tsvector, '{a}')::text AS same`,
      [subjectVector('Nuclear talks: talks go on, Ünïcode'), subjectVector(subject), cableVector(subject, [], 'More talks, last of all.').fts],
    )
    expect(rows[0].v).toBe("'go':4 'nuclear':1 'on':5 'talks':2,3 'unicode':6")
    const positions = await client.query<{ p: number[] }>("SELECT (unnest($1::tsvector)).positions AS p", [subjectVector(subject)])
    expect(Math.max(...positions.rows.flatMap((r) => r.p))).toBe(306)
    // nuclear, talks, go, on, more, more~1 (its 257th occurrence on), last
    expect(rows[0].n).toBe(7)
    expect(rows[0].same).toBe(true)
  })

  it('send bytea arrays as their bytes, nulls included', async () => {
    const { rows } = await client.query<{ a: (Buffer | null)[] }>('SELECT $1::bytea[] AS a', [binaryArray(PG_OID.bytea, [Buffer.from([0, 1, 255]), null, Buffer.alloc(0)])])
    expect(rows[0].a).toEqual([Buffer.from([0, 1, 255]), null, Buffer.alloc(0)])
  })

  it('are the same whether the import worker built them (prepareRecord) or the writer', async () => {
    const texts = CASES.slice(0, 3).map(([subject, to, body], i) => ({ subject, addressees: to.map((name) => ({ role: 'to' as const, name, route: null, precedence: null })), text: `${body}\n${i}` }))
    const plain = texts.map((t, i) => makeRecord({ key: `P${i}`, ...t }))
    const prepared = texts.map((t, i) => makeRecord({ key: `W${i}`, ...t }))
    for (const r of prepared) prepareRecord('postgres', r)
    expect(prepared.every((r) => r.prepared?.engine === 'postgres' && r.packed)).toBe(true)
    const store = openStore(server.url())
    try {
      await store.upsertCables(plain)
      await store.upsertCables(prepared)
    } finally {
      await store.close()
    }
    const { rows } = await client.query<{ key: string; same: boolean }>(
      `SELECT p.key, (pf.subject_fts, pf.fts, pf.to_fts, pt.text) = (wf.subject_fts, wf.fts, wf.to_fts, wt.text) AS same
       FROM cables p JOIN cable_fts pf ON pf.cable = p.id JOIN cable_texts pt ON pt.cable = p.id
       JOIN cables w ON w.key = 'W' || substr(p.key, 2) JOIN cable_fts wf ON wf.cable = w.id JOIN cable_texts wt ON wt.cable = w.id
       WHERE p.key LIKE 'P%' ORDER BY p.key`,
    )
    expect(rows).toEqual([0, 1, 2].map((i) => ({ key: `P${i}`, same: true })))
    expect((await client.query('SELECT max_bucket FROM fts_meta')).rows[0].max_bucket).toBe(52)
  })
})
