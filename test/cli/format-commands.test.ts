import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { memoryIo } from '../memory-io.js'

const fixtures = join(import.meta.dirname, '../fixtures')
const repo = join(import.meta.dirname, '../..')

async function run(args: string[], stdin?: string) {
  const io = memoryIo({ cwd: fixtures, stdin })
  const code = await main(args, io)
  return { code, out: io.out(), err: io.err() }
}

describe('cable parse', () => {
  it('should print one JSON object for one file', async () => {
    const r = await run(['parse', 'wire-confidential.txt'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ id: '08BERN417', classification: 'CONFIDENTIAL', sections: 2 })
  })

  it('should print JSON Lines in argument order for several files, stdin included', async () => {
    const r = await run(['parse', 'telegram-secret-noforn.txt', '-', 'wire-confidential.txt'], readFileSync(join(fixtures, 'cables-row.csv'), 'utf8'))
    const ids = r.out.trim().split('\n').map((l) => JSON.parse(l).id)
    expect(ids).toEqual(['08STATE101234', '08BERN417', '08BERN417'])
  })

  it('should print only the public fields with --fields', async () => {
    const r = await run(['parse', '--fields', 'fragment-body.txt'])
    expect(Object.keys(JSON.parse(r.out))).toEqual([
      'id', 'date', 'dateSource', 'origin', 'precedence', 'classification', 'captions', 'tags', 'subject', 'to', 'info',
      'references', 'paragraphs', 'summary', 'comment', 'signers', 'eo', 'classifiedBy', 'sections', 'unavailable', 'trailer', 'diagnostics',
    ])
  })

  it('should print a table', async () => {
    const r = await run(['parse', '--format', 'table', 'wire-confidential.txt', 'partial-record.txt'])
    expect(r.out.split('\n')[0]).toMatch(/^ID\s+DATE \(UTC\)\s+CLASSIFICATION/)
    expect(r.out).toContain('08BERN417')
  })

  it('should say which file it cannot read, with exit code 2', async () => {
    const r = await run(['parse', 'missing.txt'])
    expect(r.code).toBe(2)
    expect(r.err).toBe('cable: missing.txt: no such file\n')
  })

  it('should refuse an unknown format', async () => {
    expect((await run(['parse', '--format', 'xml', 'wire-confidential.txt'])).code).toBe(2)
  })
})

describe('cable parse of NARA CFPF records', () => {
  const cfpf = join(fixtures, 'cfpf')
  const imported = async (file: string) => {
    // what `cable import` makes of the same file, record by record, through its own reader
    const items = []
    const { readCsv } = await import('../../src/archive/import/read-csv.js')
    const { readJsonl } = await import('../../src/archive/import/read-jsonl.js')
    const path = join(cfpf, file)
    const read = file.endsWith('.csv') ? readCsv : readJsonl
    for await (const x of read({ path, kind: file.endsWith('.csv') ? 'csv' : 'jsonl', bytes: statSync(path).size }, () => {})) if ('cable' in x) items.push(x.cable)
    return items
  }

  it('should read every record of an AAD CSV export as cable import does, and name an unreadable row with exit 1', async () => {
    const r = await run(['parse', 'cfpf/aad-export.csv'])
    expect(r.code).toBe(1)
    expect(r.err).toBe('cable: cfpf/aad-export.csv:25: expected 18 columns (nara-aad header), found 4\n')
    const cables = r.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(cables.map((c) => c.id)).toEqual(['75STATE12345', '75KINSHASA1234', '76NEWDELHI42', '77STATE777', '77KINSHASA5555'])
    expect(cables[0]).toMatchObject({ date: '1975-03-15T16:46:00Z', dateSource: { basis: 'read' }, classification: 'CONFIDENTIAL', captions: ['EXDIS'] })
    expect(cables[1]).toMatchObject({ rawId: '1975KINSHA01234', date: '1975-03-18T00:00:00Z', dateSource: { basis: 'container', precision: 'day' }, subject: 'INVENTED COFFEE PRICES' })
    expect(cables).toEqual(JSON.parse(JSON.stringify(await imported('aad-export.csv'))))
  })

  it('should read History Lab JSON Lines, CSV, a JSON array and a lone JSON object by the same decoder', async () => {
    const lines = await run(['parse', '--fields', 'cfpf/history-lab.jsonl'])
    expect(lines.code).toBe(1)
    expect(lines.err).toMatch(/^cable: cfpf\/history-lab\.jsonl#line=3: not JSON/)
    const fromLines = lines.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(fromLines.map((c) => c.id)).toEqual(['74KINSHASA1299', '74STATE54321', '78STATE123'])
    const full = (await run(['parse', 'cfpf/history-lab.jsonl'])).out.trim().split('\n').map((l) => JSON.parse(l))
    expect(full).toEqual(JSON.parse(JSON.stringify(await imported('history-lab.jsonl'))))
    const csv = await run(['parse', '--format', 'table', 'cfpf/history-lab.csv'])
    expect(csv.code).toBe(0)
    expect(csv.out).toContain('79KINSHASA808')
    // the first record alone, as an object and as a one-element array
    const first = readFileSync(join(cfpf, 'history-lab.jsonl'), 'utf8').split('\n')[0]
    const pretty = JSON.stringify(JSON.parse(first), null, 2)
    const one = await run(['parse', '-'], pretty)
    expect(one.code).toBe(0)
    expect(JSON.parse(one.out)).toEqual(full[0])
    const array = await run(['parse', '-'], `[\n${first},\n{"not": "a record"}\n]\n`)
    expect(array.code).toBe(1)
    expect(array.err).toMatch(/^cable: standard input:3: not a CFPF record/)
    expect(JSON.parse(array.out)).toEqual(full[0])
    // one file of several records is JSON Lines; --format json then says so
    const several = await run(['parse', '--format', 'json', 'cfpf/aad-export.csv'])
    expect(several.code).toBe(2)
    expect(several.err).toMatch(/holds 5 records; use jsonl/)
  })

  it('should still read a telegram, a cables.csv row and parsed-model JSON as before', async () => {
    expect(JSON.parse((await run(['parse', 'cables-row.csv'])).out).id).toBe('08BERN417')
    const model = (await run(['parse', 'wire-confidential.txt'])).out
    // the model's JSON is no CFPF record (its keys say so): read as text, it is no telegram
    const again = await run(['parse', '-'], JSON.stringify(JSON.parse(model)))
    expect(again.code).toBe(0)
    expect(JSON.parse(again.out).id).toBeNull()
  })
})

describe('cable render', () => {
  it('should give back the input byte for byte, and a canonical telegram with --canonical', async () => {
    const text = readFileSync(join(fixtures, 'wire-confidential.txt'), 'utf8')
    const json = (await run(['parse', 'wire-confidential.txt'])).out
    expect((await run(['render', '-'], json)).out).toBe(text)
    const canonical = (await run(['render', '--canonical', '-'], json)).out
    expect(canonical).toContain('C O N F I D E N T I A L SECTION 01 OF 02 BERN 000417\n')
    expect(canonical).not.toContain('BT\n')
  })

  it('should render JSON Lines, each cable followed by a form feed line', async () => {
    const jsonl = (await run(['parse', 'fragment-header.txt', 'fragment-ref.txt'])).out
    const r = await run(['render', '-'], jsonl)
    expect(r.out).toBe(`${readFileSync(join(fixtures, 'fragment-header.txt'), 'utf8')}\n\f\n${readFileSync(join(fixtures, 'fragment-ref.txt'), 'utf8')}\n\f\n`)
  })

  it('should reject JSON that is no Cable model, naming file and line', async () => {
    const r = await run(['render', '-'], '{"id":"x"}\n{"id":"y"}\n')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^cable: -:1: not a Cable model/)
  })
})

describe('cable id', () => {
  it('should print canonical ids one a line and fail on non-ids', async () => {
    const r = await run(['id', '08SCTION02OF02SAOPAULO335', 'nonsense', '05RIO123'])
    expect(r.out).toBe('08SAOPAULO335\n05RIODEJANEIRO123\n')
    expect(r.err).toContain('nonsense: not a reference id')
    expect(r.code).toBe(1)
  })

  it('should print one JSON object a line per input with --format json, errors included, in input order', async () => {
    const r = await run(['id', '--format', 'json', '1975NEWDE14031_b', 'garbage', '1977MONTE00012', '77STATE9'])
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => l.input)).toEqual(['1975NEWDE14031_b', 'garbage', '1977MONTE00012', '77STATE9'])
    expect(lines[0]).toEqual({ input: '1975NEWDE14031_b', id: '75NEWDELHI14031', repaired: { from: 'NEWDE', to: 'NEWDELHI', how: 'truncation' } })
    expect(lines[1]).toMatchObject({ input: 'garbage', error: expect.stringContaining('not a reference id') })
    expect(lines[1].id).toBeUndefined()
    expect(lines[2]).toEqual({ input: '1977MONTE00012', id: '77MONTE12', ambiguous: ['MONTERREY', 'MONTEVIDEO'] })
    expect(lines[3]).toEqual({ input: '77STATE9', id: '77STATE9' })
    expect(r.code).toBe(1)
  })

  it('should refuse an id whose origin is a telegram-type word, saying so, and keep the SECTO series', async () => {
    const r = await run(['id', '--format', 'json', '77URTEL4490', '77DEPTEL123', '1975SECTO01234', '77TELAVIV12'])
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ input: '77URTEL4490', error: expect.stringContaining('URTEL is a telegram-type word') })
    expect(lines[1]).toMatchObject({ input: '77DEPTEL123', error: expect.stringContaining('DEPTEL is a telegram-type word') })
    expect(lines[2]).toEqual({ input: '1975SECTO01234', id: '75SECTO1234' })
    expect(lines[3]).toEqual({ input: '77TELAVIV12', id: '77TELAVIV12' })
    expect(r.code).toBe(1)
  })

  it('should refuse an unknown --format with exit 2', async () => {
    const r = await run(['id', '--format', 'xml', '77STATE9'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('--format')
  })
})

describe.skipIf(!existsSync(join(repo, 'dist/src/cli/main.js')))('the built binary', () => {
  it('should run cable parse on the seed-like sample and round-trip through a pipe', () => {
    const sample = join(repo, 'samples/10STATE4711.txt')
    const json = execFileSync('node', [join(repo, 'bin/cable.js'), 'parse', sample], { encoding: 'utf8' })
    const back = execFileSync('node', [join(repo, 'bin/cable.js'), 'render', '--canonical', '-'], { input: json, encoding: 'utf8' })
    expect(back).toBe(readFileSync(sample, 'utf8'))
  })

  it('should print help for the program and for a command', () => {
    expect(execFileSync('node', [join(repo, 'bin/cable.js'), '--help'], { encoding: 'utf8' })).toContain('parse [options] <file...>')
    expect(execFileSync('node', [join(repo, 'bin/cable.js'), 'parse', '--help'], { encoding: 'utf8' })).toContain('--no-hint')
  })
})
