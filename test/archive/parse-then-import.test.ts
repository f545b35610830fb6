import { describe, expect, it } from 'vitest'
import { cfpfTextItems } from '../../src/archive/import/cfpf-text.js'
import type { ImportItem, ImportProblem } from '../../src/archive/import/import-types.js'
import { jsonlItems } from '../../src/archive/import/read-jsonl.js'
import { toCableRecord } from '../../src/archive/cable-record.js'
import { parseCable } from '../../src/format/parse.js'

/**
 * One decoder per container (issue 13): `cable parse` of a cables.csv row or of a CFPF export record shows the
 * container's metadata, and its JSON Lines, imported, give the record `cable import` stores from the row itself:
 * id, date, origin, stated classification and text-unavailable state alike. Synthetic records only (invented posts
 * QUORIN and VELLORA, invented text; KINSHASA and NEW DELHI only so the directory repairs their NARA spellings).
 */

const noBytes = () => {}
const source = { locator: 'x', rendering: 'jsonl' as const, sha256: '0', importedAt: '2026-01-01T00:00:00Z', metadata: {} }

async function all(items: AsyncIterable<ImportItem | ImportProblem>): Promise<ImportItem[]> {
  const out: ImportItem[] = []
  for await (const x of items) if ('cable' in x) out.push(x)
  return out
}

/** The stored fields of an item, as `cable import` files them. */
function filed(item: ImportItem) {
  const r = toCableRecord(item.cable, item.text, { ...source, metadata: item.metadata })
  return { id: r.id, date: r.date, dateSource: r.dateSource, origin: r.origin, classification: r.classification, level: r.level, subject: r.subject, tags: r.tags, text: r.text, unavailable: item.cable.unavailable }
}

/** `cable parse` of a whole export (the records as the CLI prints them), then `cable import` of its JSON Lines. */
async function parsedThenImported(text: string, name: string) {
  const direct = (await cfpfTextItems(text, name))!.items
  const lines = direct.map((i) => JSON.stringify(i.cable))
  const again = await all(jsonlItems('parsed.jsonl', lines, noBytes))
  return { direct, again }
}

const AAD = `Document Number,Date,From,To,Subject,TAGS,Original Classification,Original Handling Restrictions,Locator,Message Text
1974KINSHA01299,1974-05-02,KINSHASA,SECSTATE WASHDC,INVENTED HARVEST,"EAGR, XY",SECRET,NODIS,ADS TEXT UNRETRIEVABLE,"MRN: 1974KINSHA001299  SEGMENT NUMBER: 000001  ERROR READING TEXT INDEX FILE; TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE"
1975QUORIN00412,1975-03-18,QUORIN,SECSTATE WASHDC,INVENTED COFFEE PRICES,"EAGR, XY",CONFIDENTIAL,n/a,TEXT ON-LINE,"1. INVENTED PARTIAL TEXT: ONLY THE BODY SURVIVES.

2. A SECOND PARAGRAPH.
"
1976NEWDE00042,1976-01-09,NEW DELHI,SECSTATE WASHDC,INVENTED MONSOON,"PFOR, XY",LIMITED OFFICIAL USE,n/a,TEXT ON MICROFILM,
`

describe('cable parse, then cable import of its JSON Lines', () => {
  it('should show the CFPF columns in the parsed cable, as the container, marked cfpf', async () => {
    const { direct } = await parsedThenImported(AAD, 'aad.csv')
    expect(direct.map((i) => [i.cable.container?.rendering, i.cable.container?.metadata['document number'], i.cable.container?.metadata.shape])).toEqual([
      ['cfpf', '1974KINSHA01299', 'nara-aad'],
      ['cfpf', '1975QUORIN00412', 'nara-aad'],
      ['cfpf', '1976NEWDE00042', 'nara-aad'],
    ])
  })

  it('should file each CFPF record as importing the export itself does: id, date, origin, classification, unavailable', async () => {
    const { direct, again } = await parsedThenImported(AAD, 'aad.csv')
    expect(again.map(filed)).toEqual(direct.map(filed))
    expect(again.map((i) => filed(i).id)).toEqual(['74KINSHASA1299', '75QUORIN412', '76NEWDELHI42'])
    expect(filed(again[0]).classification).toBe('SECRET//NODIS')
    expect(again.map((i) => i.cable.unavailable)).toEqual(['TELEGRAM TEXT FOR THIS MRN IS UNAVAILABLE', null, 'TEXT ON MICROFILM'])
  })

  it('should do the same for History Lab JSON records', async () => {
    const json = JSON.stringify([
      { doc_nbr: '1975VELLOR00777', date: '1975-02-14T00:00:00', from_field: 'VELLORA', to_field: 'STATE', subject: 'INVENTED BEEF QUOTA', tags: '{EAGR,"HUMAN RIGHTS",XY}', classification: 'CONFIDENTIAL', handling: 'EXDIS', body: '1. INVENTED BODY.\n' },
      { doc_nbr: '1977STATE000777', date: '1977-06-30', from_field: 'STATE', to_field: 'VELLORA', subject: 'INVENTED VISA FEES', tags: ['CVIS'], classification: 'SECRET', body: '' },
    ])
    const { direct, again } = await parsedThenImported(json, 'hl.json')
    expect(again.map(filed)).toEqual(direct.map(filed))
    expect(again.map((i) => [filed(i).classification, filed(i).date])).toEqual([
      ['CONFIDENTIAL//EXDIS', '1975-02-14T00:00:00Z'],
      ['SECRET', '1977-06-30T00:00:00Z'],
    ])
  })

  it('should keep a cables.csv row’s container date and origin through parse and import', async () => {
    const row = '"1","02/10/2010 12:00","10QUORIN123","Embassy Quorin","CONFIDENTIAL","","","C O N F I D E N T I A L QUORIN 000123\n\nSUBJECT: INVENTED\n\n1. (C) Text.\n"\n'
    const parsed = parseCable(row)
    expect(parsed.dateSource?.basis).toBe('container')
    const [again] = await all(jsonlItems('parsed.jsonl', [JSON.stringify(parsed)], noBytes))
    expect([again.cable.date, again.cable.dateSource?.basis, again.cable.origin]).toEqual(['2010-02-10T12:00:00Z', 'container', 'AMEMBASSY QUORIN'])
    const page = '<html><body><table><tr><td>Reference ID</td><td>09VELLORA55</td></tr><tr><td>Created</td><td>2009-03-11 09:30</td></tr></table><pre>UNCLASSIFIED VELLORA 000055\n\n1. Text.\n</pre></body></html>'
    const html = parseCable(page)
    const [fromPage] = await all(jsonlItems('parsed.jsonl', [JSON.stringify(html)], noBytes))
    expect([fromPage.cable.id, fromPage.cable.date]).toEqual([html.id, html.date])
  })
})
