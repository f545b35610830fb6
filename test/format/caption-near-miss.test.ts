/**
 * Caption lines typed past the caption reader, one line or one caption block at a time (src/format/caption-spellings.ts;
 * QA 14 round 10 F6, QA 11 F1; issue 15, nineteenth mutation run): a near miss of a caption (`nearMissCaptions`), handling
 * written out in words on one line (`writtenOutHandling`) and over consecutive lines of a caption block
 * (`captionBlockHandling`). The cables these decide, filed, rendered and searched on both engines, are in
 * test/research/class-line-caption-misses.test.ts, which the mutation sets leave out (a research suite); these are
 * the same rules without a parse, written out whole.
 */
import { describe, expect, it } from 'vitest'
import { captionBlockHandling, nearMissCaptions, writtenOutHandling } from '../../src/format/caption-spellings.js'

describe('nearMissCaptions', () => {
  it.each([
    // one edit off a one-word caption: a letter dropped, changed, two swapped
    ['NOFRN', [['NOFRN', 'NOFORN']]],
    ['NOFORM', [['NOFORM', 'NOFORN']]],
    ['NODSI', [['NODSI', 'NODIS']]],
    // a word of four letters one edit off
    ['NODS', [['NODS', 'NODIS']]],
    // any letter case, the word kept as written
    ['nofrn', [['nofrn', 'NOFORN']]],
    // a letter-spaced run is the word it spells, measured as such
    ['E X D I Z', [['EXDIZ', 'EXDIS']]],
    // words separated by two blanks, `/`, `,` or `;`; a caption as written beside a near miss counts as read
    ['NOFRN  SIPDIS', [['NOFRN', 'NOFORN']]],
    ['NOFRN/EXDIZ', [['NOFRN', 'NOFORN'], ['EXDIZ', 'EXDIS']]],
    ['EXDIZ, NOFRN', [['EXDIZ', 'EXDIS'], ['NOFRN', 'NOFORN']]],
    ['NOFRN;SIPDIS', [['NOFRN', 'NOFORN']]],
    ['NOFRN NF', [['NOFRN', 'NOFORN']]],
    // a caption of several words, word by word, then the words after it
    ['ORIGINATOR CONTROLED', [['ORIGINATOR CONTROLED', 'ORCON']]],
    ['EYES ONLI', [['EYES ONLI', 'EYES ONLY']]],
    ['EYE ONLY', [['EYE ONLY', 'EYES ONLY']]],
    ['ROGER CHANEL', [['ROGER CHANEL', 'ROGER CHANNEL']]],
    ['DISENT CHANNEL', [['DISENT CHANNEL', 'DISSENT CHANNEL']]],
    ['SPECAT EXCLUSIV', [['SPECAT EXCLUSIV', 'SPECAT EXCLUSIVE']]],
    ['ROGR CHANNEL NOFRN', [['ROGR CHANNEL', 'ROGER CHANNEL'], ['NOFRN', 'NOFORN']]],
    ['NOFRN ROGR CHANNEL', [['NOFRN', 'NOFORN'], ['ROGR CHANNEL', 'ROGER CHANNEL']]],
  ])('reads %j as the captions it is nearest to', (line, read) => {
    expect(nearMissCaptions(line)).toEqual({ read: read.map(([word, caption]) => ({ word, caption })), unreadable: [] })
  })

  it.each([
    // equally near EXDIS and NODIS, which demand different caveats: a control nobody here reads
    ['NXDIS', ['NXDIS']],
    ['N X D I S', ['NXDIS']],
    ['NXDIS NOFRN', ['NXDIS']],
  ])('holds %j a control nobody reads', (line, unreadable) => {
    const near = nearMissCaptions(line)
    expect(near?.unreadable).toEqual(unreadable)
    expect(near?.read).toEqual(line.includes('NOFRN') ? [{ word: 'NOFRN', caption: 'NOFORN' }] : [])
  })

  it.each([
    // captions and short forms as written: no near miss
    'NOFORN SIPDIS',
    'NOFORN',
    'NF',
    'OC',
    'nf',
    'ORIGINATOR CONTROLLED',
    'EYES ONLY',
    'SPECAT EXCLUSIVE',
    // a near miss of a caption that demands nothing (SIPDIS, SENSITIVE)
    'SIPDSI',
    'SENSITIV',
    // too far: two edits for a word of four letters or less, three for a longer one; a word of two letters must match
    'NOD',
    'EFT',
    'EFTOO',
    'NX',
    'O',
    'XYZQW',
    'EYES',
    // a word holding anything but letters, and an empty line
    'NOFRN 5',
    'NOFRN-X',
    // a word one edit off a caption but for a digit, at its end or its start, alone or beside a caption
    'NOFOR1',
    '1NOFORN',
    'NOFOR1 SIPDIS',
    // a word of four letters two edits off NOFORN (two letters dropped)
    'NOFR',
    // a word of two letters one edit off a caption word (BU, BUT) is no part of it: the line is no caption line,
    // whatever near miss follows
    'SENSITIVE BU UNCLASSIFIED NOFRN',
    '',
    '   ',
  ])('reads no near miss in %j', (line) => {
    expect(nearMissCaptions(line)).toBeNull()
  })

  it('allows two edits to a word of five letters or more, one to a word of three or four, none to one of two', () => {
    // NOFORN two letters off (NOFXRX, NOFORNXX) is read, ORCON one off in four letters (ORCN); a word of four letters two off (NDSX) is not
    expect(nearMissCaptions('NOFXRX')).toEqual({ read: [{ word: 'NOFXRX', caption: 'NOFORN' }], unreadable: [] })
    expect(nearMissCaptions('NDSX')).toBeNull()
    // word by word in a caption of several words: EYES (four letters) one edit off is read, two off is not
    expect(nearMissCaptions('EYSS ONLY')).toEqual({ read: [{ word: 'EYSS ONLY', caption: 'EYES ONLY' }], unreadable: [] })
    expect(nearMissCaptions('EXSS ONLY')).toBeNull()
    expect(nearMissCaptions('ORCN')).toEqual({ read: [{ word: 'ORCN', caption: 'ORCON' }], unreadable: [] })
    expect(nearMissCaptions('NOFORNXX')).toEqual({ read: [{ word: 'NOFORNXX', caption: 'NOFORN' }], unreadable: [] })
    expect(nearMissCaptions('EXD')).toBeNull()
    // one edit off EFTO, which demands nothing
    expect(nearMissCaptions('EFTX')).toBeNull()
    // a word of a caption of several words, of five letters or more, two edits off (ORIGNATER: I dropped, O made E)
    expect(nearMissCaptions('ORIGNATER CONTROLED')).toEqual({ read: [{ word: 'ORIGNATER CONTROLED', caption: 'ORCON' }], unreadable: [] })
  })

  it('reads the words between separators, a closing or opening separator giving no word', () => {
    expect(nearMissCaptions('NOFRN.')).toEqual({ read: [{ word: 'NOFRN', caption: 'NOFORN' }], unreadable: [] })
    expect(nearMissCaptions('/NOFRN')).toEqual({ read: [{ word: 'NOFRN', caption: 'NOFORN' }], unreadable: [] })
  })
})

describe('writtenOutHandling', () => {
  it.each([
    ['DISSEMINATION AND EXTRACTION OF INFORMATION CONTROLLED BY ORIGINATOR', ['ORCON'], false],
    ['DISSEM AND EXTRACTION OF INFO CONTROLLED BY THE ORIGINATOR', ['ORCON'], false],
    ['dissemination-and-extraction-of-information-controlled-by-originator', ['ORCON'], false],
    ['HANDLE VIA ROGER CHANNEL', ['ROGER CHANNEL'], false],
    ['handle via roger channel', ['ROGER CHANNEL'], false],
    ['HANDLE VIA DISSENT CHANNEL', ['DISSENT CHANNEL'], false],
    ['  HANDLE  VIA  ROGER   CHANNEL', ['ROGER CHANNEL'], false],
    ['HANDLE VIA COMINT CHANNELS ONLY', [], true],
    ['HANDLE VIA TALENT-KEYHOLE CHANNELS', [], true],
    // not at the line's start: no handling line
    ['PLEASE HANDLE VIA ROGER CHANNEL', [], false],
    ['NOFORN', [], false],
    ['', [], false],
  ])('reads %j', (line, captions, unreadable) => {
    expect(writtenOutHandling(line)).toEqual({ captions, unreadable })
  })
})

describe('captionBlockHandling', () => {
  it.each([
    [['HANDLE VIA', 'COMINT CHANNELS ONLY'], [], [0]],
    [['HANDLE VIA', 'ROGER CHANNEL'], ['ROGER CHANNEL'], []],
    [['HANDLE VIA'], [], [0]],
    [[' HANDLE VIA', 'NOTHING'], [], [0]],
    [['DISSEMINATION AND EXTRACTION OF INFORMATION', 'CONTROLLED BY ORIGINATOR'], ['ORCON'], []],
    [['DISSEMINATION AND EXTRACTION', 'OF INFORMATION CONTROLLED', 'BY ORIGINATOR'], ['ORCON'], []],
    [['NOFORN', 'HANDLE VIA ROGER', 'CHANNEL'], ['ROGER CHANNEL'], []],
    [['NOFORN', 'HANDLE VIA', 'COMINT CHANNELS ONLY'], [], [1]],
    [['HANDLE VIA COMINT CHANNELS ONLY', 'HANDLE VIA COMINT CHANNELS ONLY'], [], [0, 1]],
    [['HANDLE VIA ROGER CHANNEL', 'HANDLE VIA DISSENT CHANNEL'], ['ROGER CHANNEL', 'DISSENT CHANNEL'], []],
    [['SIPDIS', 'NOFORN'], [], []],
    [[], [], []],
  ])('reads the block %j', (lines, captions, unreadable) => {
    expect(captionBlockHandling(lines)).toEqual({ captions, unreadable })
  })
})
