import { describe, expect, it } from 'vitest'
import { idFromFileName } from './file-id.js'

describe('idFromFileName', () => {
  it.each([
    ['corpus/cables/00HARARE5461.txt', '00HARARE5461'],
    ['C:\\cables\\09STATE99704.html', '09STATE99704'],
    ['08SCTION02OF02SAOPAULO335.txt', '08SCTION02OF02SAOPAULO335'],
    ['notes.txt', undefined],
    ['2009-report.txt', undefined],
    ['-', undefined],
  ])('should read %j as %j', (path, id) => {
    expect(idFromFileName(path)).toBe(id)
  })
})
