import { describe, expect, it } from 'vitest'
import { caveatsOfCaption } from '../../src/format/classification.js'

/**
 * The caption → caveat table (spec §5.4, §7 rules 4 and 5): what each distribution or handling caption demands of a
 * reader, written out by hand. A caption whose list were emptied would restrict nobody (fail open), so each one is
 * asserted whole, with its case and spacing variants.
 */
describe('caveatsOfCaption: the caveats each caption demands', () => {
  it.each([
    ['NOFORN', ['NOFORN']],
    ['NODIS', ['NODIS']],
    ['NODIF', ['NODIS']],
    ['EXDIS', ['EXDIS']],
    ['LIMDIS', ['LIMDIS']],
    ['STADIS', ['STADIS']],
    ['ORCON', ['ORCON']],
    ['CHEROKEE', ['CHEROKEE', 'NODIS']],
    ['SPECAT', ['SPECAT']],
    ['SPECAT EXCLUSIVE', ['SPECAT', 'NODIS']],
    ['EYES ONLY', ['NODIS']],
    ['AGRMENT', ['NODIS']],
    ['ROGER CHANNEL', ['NODIS']],
    ['DISSENT CHANNEL', ['EXDIS']],
    ['CONDIS', ['LIMDIS']],
  ])('%s demands %j', (caption, caveats) => {
    expect(caveatsOfCaption(caption)).toEqual(caveats)
    expect(caveatsOfCaption(` ${caption.toLowerCase().replace(' ', '   ')} `)).toEqual(caveats)
  })

  it.each(['SIPDIS', 'SENSITIVE', 'NOTAL', 'EFTO', 'TERREP', 'VISAS VIPER', ''])('%j restricts nobody', (caption) => {
    expect(caveatsOfCaption(caption)).toEqual([])
  })

  it('should hand each caller a list of its own', () => {
    const first = caveatsOfCaption('CHEROKEE')
    first.push('ORCON')
    expect(caveatsOfCaption('CHEROKEE')).toEqual(['CHEROKEE', 'NODIS'])
  })
})
