import { describe, expect, it } from 'vitest'
import { cfpfRecord } from '../../src/archive/import/cfpf-columns.js'
import { cfpfTextItems } from '../../src/archive/import/cfpf-text.js'
import { csvItems, distinctNames } from '../../src/archive/import/read-csv.js'
import { jsonlItems } from '../../src/archive/import/read-jsonl.js'
import type { ImportItem, ImportProblem } from '../../src/archive/import/import-types.js'
import { main } from '../../src/cli/main.js'
import { memoryIo } from '../memory-io.js'

/**
 * What container readers keep of a record (QA 13): every CFPF column mapped or kept, unreadable values said, a byte
 * order mark skipped, and a cables.csv of several rows read row by row by `cable parse` as `cable import` reads it.
 * Synthetic records only: invented posts (QUORIN, VELLORA), subjects and texts.
 */

const BOM = '\uFEFF'
const noBytes = () => {}

async function all(source: AsyncIterable<ImportItem | ImportProblem>): Promise<(ImportItem | ImportProblem)[]> {
  const out: (ImportItem | ImportProblem)[] = []
  for await (const x of source) out.push(x)
  return out
}

async function* chunks(text: string, size = 7): AsyncIterable<Buffer> {
  const bytes = Buffer.from(text, 'utf8')
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

const codes = (item: ImportItem | ImportProblem) => ('cable' in item ? item.cable.diagnostics.map((d) => d.code) : [])

const AAD_HEAD = 'Document Number,Draft Date,From,To,Subject,TAGS,Original Classification,Original Handling Restrictions,Film Number,Message Text,Film Number'

describe('CFPF columns: nothing dropped silently', () => {
  it('should keep both values of a column name published twice', async () => {
    const csv = `${AAD_HEAD}\n1975QUORIN01234,03/15/1975,QUORIN,SECSTATE WASHDC,INVENTED TALKS,"PFOR, XY",CONFIDENTIAL,EXDIS,P750012-0345,,D750099-1234\n1975QUORIN01235,03/16/1975,QUORIN,SECSTATE WASHDC,MORE TALKS,PFOR,CONFIDENTIAL,n/a,P750012-0346,,\n`
    const items = (await all(csvItems('aad.csv', chunks(csv), csv.length, noBytes))) as ImportItem[]
    expect(items.map((i) => [i.metadata['film number'], i.metadata['film number 2']])).toEqual([
      ['P750012-0345', 'D750099-1234'],
      // an empty second column takes nothing from the first
      ['P750012-0346', undefined],
    ])
    expect(distinctNames(['A', 'b', 'a', 'A 2', 'Film_Number', 'film number'])).toEqual(['A', 'b', 'a 2', 'A 2 2', 'Film_Number', 'film number 2'])
  })

  it('should keep long values and a second text that differs, and drop only a copy of the text', () => {
    const body = 'UNCLASSIFIED\n\n1. INVENTED TEXT OF THE TELEGRAM.\n'
    const long = 'CONCEPT '.repeat(400).trim()
    const r = cfpfRecord('history-lab', { doc_nbr: '1975QUORIN01234', date: '1975-03-15', from_field: 'QUORIN', body, raw_body: `${body}\n[PAGE 2 ILLEGIBLE]`, concepts: long, copy_of_body: ' UNCLASSIFIED 1.  INVENTED TEXT OF THE TELEGRAM. ' })
    expect(r.text).toBe(body)
    expect(r.metadata.concepts).toBe(long)
    expect(r.metadata.raw_body).toBe(`${body}\n[PAGE 2 ILLEGIBLE]`)
    expect(r.metadata.copy_of_body).toBeUndefined()
    const same = cfpfRecord('history-lab', { doc_nbr: '1975QUORIN01234', from_field: 'QUORIN', date: '1975-03-15', body, raw_body: body })
    expect(same.metadata.raw_body).toBeUndefined()
  })

  it('should keep a column published under the name of a combined value beside it', () => {
    const r = cfpfRecord('nara-aad', { 'Document Number': '1975QUORIN01234', From: 'QUORIN', To: 'SECSTATE WASHDC', 'Original Handling Restrictions': 'EXDIS', Handling: 'SEE FILE' })
    expect(r.metadata.handling).toBe('EXDIS')
    expect(r.metadata['handling (column)']).toBe('SEE FILE')
  })

  it('should say when a date or a handling restriction of the record cannot be read, and keep it', async () => {
    const csv = `${AAD_HEAD}\n1975QUORIN01235,Spring 1975,QUORIN,SECSTATE WASHDC,INVENTED TALKS,PFOR,CONFIDENTIAL,"EXDIS, WIBBLE",,,\n`
    const [item] = (await all(csvItems('aad.csv', chunks(csv), csv.length, noBytes))) as ImportItem[]
    const unread = item.cable.diagnostics.filter((d) => d.code === 'CONTAINER_VALUE_UNREAD').map((d) => d.message)
    expect(unread).toHaveLength(3)
    expect(unread[0]).toContain('Spring 1975')
    // the unknown restriction makes the record's marking unreadable (it fails closed), and is no caption
    expect(unread[1]).toContain('classification CONFIDENTIAL//EXDIS//WIBBLE')
    expect(unread[2]).toContain('WIBBLE')
    expect(item.metadata.date).toBe('Spring 1975')
    expect(item.cable.captions).toEqual(['EXDIS'])
    // the unknown restriction stays in the marking access control reads: it fails closed there
    expect(item.metadata.classification).toBe('CONFIDENTIAL//EXDIS//WIBBLE')
    expect(codes(item)).not.toContain('DATE_FROM_CONTAINER')
  })
})

describe('a CFPF classification nobody can read', () => {
  it('should be said, and a readable one not', async () => {
    const csv = `${AAD_HEAD}\n1975QUORIN01235,03/15/1975,QUORIN,SECSTATE WASHDC,INVENTED,PFOR,CONF,n/a,,,\n1975QUORIN01236,03/15/1975,QUORIN,SECSTATE WASHDC,INVENTED,PFOR,SECRET,NODIS,,,\n`
    const items = (await all(csvItems('aad.csv', chunks(csv), csv.length, noBytes))) as ImportItem[]
    expect(items.map((i) => i.cable.diagnostics.filter((d) => d.code === 'CONTAINER_VALUE_UNREAD').length)).toEqual([1, 0])
    expect(items[0].metadata.classification).toBe('CONF')
  })
})

describe('a UTF-8 byte order mark opens a file, not its first record', () => {
  const line = (n: number) => JSON.stringify({ doc_nbr: `1975QUORIN0123${n}`, date: '1975-03-15', from_field: 'QUORIN', to_field: 'SECSTATE WASHDC', subject: 'INVENTED', body: `UNCLASSIFIED\n\n1. TEXT ${n}.\n` })

  it('should read the first line of JSON Lines after a BOM', async () => {
    const items = await all(jsonlItems('x.jsonl', [`${BOM}${line(1)}`, line(2)], noBytes))
    expect(items.map((i) => ('cable' in i ? i.cable.id : i.reason))).toEqual(['75QUORIN1231', '75QUORIN1232'])
  })

  it('should read the header row of a CSV after a BOM, however the bytes are cut', async () => {
    const csv = `${BOM}"Document Number",Draft Date,From,Subject,Message Text\n1975QUORIN01234,03/15/1975,QUORIN,INVENTED,"UNCLASSIFIED\n\n1. TEXT.\n"\n`
    for (const size of [1, 2, 3, 64]) {
      const items = await all(csvItems('aad.csv', chunks(csv, size), csv.length, noBytes))
      expect(items.map((i) => ('cable' in i ? [i.cable.id, i.metadata.shape] : i.reason))).toEqual([['75QUORIN1234', 'nara-aad']])
    }
    const parsed = await cfpfTextItems(csv, 'aad.csv')
    expect(parsed?.items.map((i) => i.cable.id)).toEqual(['75QUORIN1234'])
  })

  it('should let cable parse and cable import read a JSON Lines file with a BOM', async () => {
    const file = `${BOM}${line(1)}\n${line(2)}\n`
    const io = memoryIo({ cwd: '/', stdin: file })
    expect(await main(['parse', '-'], io)).toBe(0)
    expect(io.out().trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['75QUORIN1231', '75QUORIN1232'])
  })
})

const row = (n: number, serial: string) =>
  `${n},"3/${n}/2008 14:19","08QUORIN${serial}","Embassy Quorin","UNCLASSIFIED","","R 0${n}1419Z MAR 08 \\\nFM AMEMBASSY QUORIN \\\nTO SECSTATE WASHDC 1234 \\\n","UNCLAS QUORIN 00${serial} \\\n \\\nSUBJECT: INVENTED ROW ${n} \\\n \\\n1. TEXT OF ROW ${n}. \\\n \\\nDOE \\\n"\n`

describe('cable parse of a cables.csv of several rows', () => {
  it('should give each row as a cable, as cable import reads it', async () => {
    const csv = row(1, '1234') + row(2, '1240') + row(3, '1251')
    const io = memoryIo({ cwd: '/', stdin: csv })
    expect(await main(['parse', '-'], io)).toBe(0)
    const cables = io
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(cables.map((c) => [c.id, c.subject, c.paragraphs.length])).toEqual([
      ['08QUORIN1234', 'INVENTED ROW 1', 1],
      ['08QUORIN1240', 'INVENTED ROW 2', 1],
      ['08QUORIN1251', 'INVENTED ROW 3', 1],
    ])
    // the same rows through the importer's reader: the same cables
    const items = (await all(csvItems('cables.csv', chunks(csv), csv.length, noBytes))) as ImportItem[]
    expect(items.map((i) => [i.cable.id, i.cable.subject])).toEqual(cables.map((c) => [c.id, c.subject]))
  })

  it('should say that --format json prints one cable, and name a broken row', async () => {
    const csv = row(1, '1234') + row(2, '1240')
    const json = memoryIo({ cwd: '/', stdin: csv })
    expect(await main(['parse', '--format', 'json', '-'], json)).toBe(2)
    expect(json.err()).toMatch(/holds 2 records; use jsonl/)
    const broken = memoryIo({ cwd: '/', stdin: row(1, '1234') + '2,"3/2/2008 14:19","08QUORIN1240"\n' })
    expect(await main(['parse', '-'], broken)).toBe(1)
    expect(broken.err()).toMatch(/standard input#row=2: expected 8 columns, found 3/)
  })

  it('should still read one row alone as the parser reads it, container and all', async () => {
    const io = memoryIo({ cwd: '/', stdin: row(1, '1234') })
    expect(await main(['parse', '-'], io)).toBe(0)
    const c = JSON.parse(io.out())
    expect([c.id, c.container.rendering]).toEqual(['08QUORIN1234', 'csv'])
  })
})
