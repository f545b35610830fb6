import { describe, expect, it } from 'vitest'
import { parseCable } from './parse.js'
import { parsedLineStarts, telegramText } from './telegram-text.js'

describe('telegram text of a parsed cable', () => {
  const text = 'R 010101Z JAN 09\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC 0001\n\nUNCLAS ROME 000001\n\nE.O. 12958: N/A\n'

  it('is the parsed text with its line starts, and the same joined from the segments after a JSON round trip', () => {
    const cable = parseCable(text)
    expect(telegramText(cable)).toBe(text)
    expect(parsedLineStarts(cable)).toEqual([0, 17, 35, 59, 60, 79, 80, 96])
    const copy = JSON.parse(JSON.stringify(cable))
    expect(parsedLineStarts(copy)).toBeNull()
    expect(telegramText(copy)).toBe(text)
  })

  it('is the unwrapped text for a container, and follows segments that were replaced', () => {
    const page = `<html><body><pre>${text.slice(0, 58)}</pre><pre>${text.slice(60).replace(/\n/g, '&#x000A;')}</pre></body></html>`
    const cable = parseCable(page)
    expect(telegramText(cable)).toBe(`${text.slice(0, 58)}\n\n${text.slice(60)}`)
    cable.segments = [{ kind: 'unplaced', raw: 'other' }]
    expect(telegramText(cable)).toBe('other')
    expect(parsedLineStarts(cable)).toBeNull()
  })
})
