import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/archive/query/parse-query.js'
import { highlightRanges, highlightTerms, makeSnippet } from '../../src/archive/snippet.js'

const text = 'SUBJECT: TALKS\n\n1. (C) The minister spoke at length about the weather and other matters. ' + 'Filler words here. '.repeat(30) + 'Then the Nuclear talks began; enrichment and NUCLEAR fuel were discussed. More filler follows.'

describe('snippets', () => {
  it('should excerpt the densest cluster and mark whole words only, case-insensitively', () => {
    const s = makeSnippet(text, highlightTerms(parseQuery('nuclear enrich* -weather')))
    expect(s).toContain('«Nuclear» talks began; «enrichment» and «NUCLEAR» fuel')
    expect(s).not.toContain('weather')
    expect(s.startsWith('… ')).toBe(true)
    expect(makeSnippet('unclear nuclearity', highlightTerms(parseQuery('nuclear')))).toBe('unclear nuclearity')
  })

  it('should start after the subject line when the query has no words', () => {
    expect(makeSnippet(text, highlightTerms(parseQuery('tag:PREL')), 40)).toMatch(/^… TALKS 1\. \(C\) The minister spoke/)
  })

  it('should give the offsets of every hit in a whole text, excluded and partial words left out', () => {
    const t = 'URANIUM and uranium; Uraniums, enriched. Not iran.'
    const ranges = highlightRanges(t, highlightTerms(parseQuery('uranium enrich* -iran')))
    expect(ranges.map(([a, b]) => t.slice(a, b))).toEqual(['URANIUM', 'uranium', 'enriched'])
    expect(highlightRanges(t, highlightTerms(parseQuery('tag:PREL')))).toEqual([])
  })
})
