import { describe, expect, it } from 'vitest'
import { unifiedDiff } from '../../src/lint/output/unified-diff.js'

describe('unifiedDiff', () => {
  it('should be empty for equal texts', () => {
    expect(unifiedDiff('a.txt', 'x\ny', 'x\ny')).toBe('')
  })

  it('should mark a last line without newline, as diff -u does', () => {
    expect(unifiedDiff('a.txt', 'one\ntwo\nCLINTON', 'one\nTWO\nCLINTON')).toBe(
      ['--- a/a.txt', '+++ b/a.txt', '@@ -1,3 +1,3 @@', ' one', '-two', '+TWO', ' CLINTON', '\\ No newline at end of file', ''].join('\n'),
    )
  })

  it('should show a change of the final newline itself', () => {
    expect(unifiedDiff('a.txt', 'x\ny', 'x\ny\n')).toBe(['--- a/a.txt', '+++ b/a.txt', '@@ -1,2 +1,2 @@', ' x', '-y', '\\ No newline at end of file', '+y', ''].join('\n'))
  })

  it('should split distant changes into hunks with three lines of context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n'
    const after = before.replace('line 2\n', 'LINE 2\n').replace('line 18\n', 'LINE 18\n')
    const hunks = unifiedDiff('a.txt', before, after).split('\n').filter((l) => l.startsWith('@@'))
    expect(hunks).toEqual(['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@'])
  })
})
