import { describe, expect, it } from 'vitest'

// Every word of the marking parser's level and caveat tables, read with what it demands written out. The parser is
// imported inside each test, not at the top of the file: a table entry broken so that marking.ts throws while it
// loads (an entry emptied whole, which the suggestion vocabulary cannot read) must fail these tests, whereas a
// suite importing marking.ts at the top fails to load and reports no test at all, which Stryker's vitest runner
// counts as a surviving mutant (docs/testing.md, fifteenth run).
async function read(mark: string): Promise<{ level: string | null; caveats: string[] }> {
  const { parseMarking } = await import('../../src/format/marking.js')
  const r = parseMarking(mark)
  if (!r.ok) throw new Error(`refused ${mark}: ${r.error.message}`)
  return { level: r.parts.level, caveats: [...r.parts.caveats] }
}

describe('marking.ts loads and reads every level word', () => {
  it.each([
    ['SENSITIVE BUT UNCLASSIFIED', 'SBU'], ['LIMITED OFFICIAL USE', 'SBU'], ['TOP SECRET', 'TOP SECRET'],
    ['UNCLASSIFIED', 'UNCLASSIFIED'], ['UNCLAS', 'UNCLASSIFIED'], ['CONFIDENTIAL', 'CONFIDENTIAL'], ['SECRET', 'SECRET'],
    ['TS', 'TOP SECRET'], ['S', 'SECRET'], ['C', 'CONFIDENTIAL'], ['U', 'UNCLASSIFIED'],
    ['SBU', 'SBU'], ['LOU', 'SBU'], ['CUI', 'SBU'],
  ])('%s is %s', async (mark, level) => {
    expect(await read(mark)).toEqual({ level, caveats: [] })
  })
})

describe('marking.ts loads and reads every caveat word after a level', () => {
  it.each([
    ['U//FOR OFFICIAL USE ONLY', 'SBU', []], ['S//SPECAT EXCLUSIVE', 'SECRET', ['SPECAT EXCLUSIVE']],
    ['S//NOFORN', 'SECRET', ['NOFORN']], ['S//NF', 'SECRET', ['NOFORN']], ['S//NODIS', 'SECRET', ['NODIS']],
    ['S//NODIF', 'SECRET', ['NODIS']], ['S//EXDIS', 'SECRET', ['EXDIS']], ['S//LIMDIS', 'SECRET', ['LIMDIS']],
    ['S//STADIS', 'SECRET', ['STADIS']], ['S//ORCON', 'SECRET', ['ORCON']], ['S//OC', 'SECRET', ['ORCON']],
    ['S//CHEROKEE', 'SECRET', ['CHEROKEE']], ['S//SPECAT', 'SECRET', ['SPECAT']], ['S//FGI', 'SECRET', ['FGI']],
    ['U//FOUO', 'SBU', []], ['U//SBU', 'SBU', []], ['S//EFTO', 'SECRET', ['EFTO']],
  ])('%s is %s with %j', async (mark, level, caveats) => {
    expect(await read(mark)).toEqual({ level, caveats })
  })
})
