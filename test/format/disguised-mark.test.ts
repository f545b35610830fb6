import { describe, expect, it } from 'vitest'
import { disguisedMark, markSkeleton, markWordKind, parseMarking, strayLevelMark } from '../../src/format/marking.js'

/**
 * Marks mistyped or disguised (marking.ts: `markSkeleton`, `disguisedMark`, and what `markWordKind` makes of them):
 * a word a screen shows as a mark but spelt with lookalike, fullwidth or invisible characters, or a level's initial
 * with stray punctuation where only a mark stands, is a mark nobody can read, which files the cable as TOP SECRET.
 * The characters are written as escapes so the test says which code points it holds; each expected value is the
 * word as a reader sees it, written out by hand.
 */
describe('markSkeleton: a word as a screen shows it', () => {
  it.each([
    ['\u0405\u0415\u0421R\u0415\u0422', 'SECRET', 'Cyrillic DZE, IE, ES and TE among Latin letters'],
    ['\u03a4\u039f\u03a1 \u0405\u0415\u0421R\u0415\u0422', 'TOP SECRET', 'Greek TAU, OMICRON and RHO'],
    ['\u0500', 'D', 'Cyrillic KOMI DE, at the top block of the range read'],
    ['\u0399\u039d', 'IN', 'Greek IOTA and NU'],
    ['\uff33//\uff2e\uff26', 'S//NF', 'fullwidth letters'],
    ['\uff08S\uff09', '(S)', 'fullwidth parentheses'],
    ['S\u200b\u200d/\u00ad/NF', 'S//NF', 'zero-width space and joiner, soft hyphen: every one dropped'],
    ['\u200eS\u200f', 'S', 'direction marks'],
    ['\ufb01', 'fi', 'a ligature'],
    ['Se\u00f1or', 'Senor', 'an accent taken off its letter'],
    ['S\u0336', 'S', 'a combining stroke taken off'],
    ['S\u3164', 'S ', 'a Hangul filler, which shows as a blank'],
    ['\u13DA\uA4E2\uA731', 'SSS', 'Cherokee S, Lisu SA, a small capital S'],
    ['S\x1b[0m', 'S', 'a terminal sequence (colour reset), which shows as nothing'],
    ['\x1b[32mN\x7fF\x08', 'NF', 'a colour sequence, DEL and a backspace: every one dropped'],
    ['\x1bMS', 'S', 'a two-character escape (ESC M, reverse line feed): the escape and its letter dropped'],
  ])('%j reads %j (%s)', (word, seen) => {
    expect(markSkeleton(word)).toBe(seen)
  })

  it.each([
    ['S//NF', 'ASCII'],
    ['\u0416', 'a Cyrillic capital that looks like no Latin one (ZHE)'],
    ['\u03c9', 'a Greek small letter (omega)'],
  ])('%j is left as it is (%s)', (word) => {
    expect(markSkeleton(word)).toBe(word)
  })
})

describe('disguisedMark: a word outside ASCII that a screen shows as a mark', () => {
  it.each([
    ['\u0405', 'S with a Cyrillic DZE'],
    ['\uff33', 'a fullwidth S'],
    ['S\u200b', 'S and a zero-width space'],
    ['S\u00ad', 'S and a soft hyphen'],
    ['\u0421//NF', 'C with a Cyrillic ES, then //NF'],
    ['\u0405\u0415\u0421R\u0415\u0422', 'SECRET spelt with Cyrillic capitals'],
    ['\u0405 NF', 'a blank inside'],
    ['\u0405\tNF', 'a tab inside, which shows as a blank'],
    ['\u0405\nNF', 'wrapped over two lines'],
    ['\u0405\u0405', 'SS: a classified level\'s initial and a letter, unreadable where only a mark stands'],
    ['TOP \u0405ECRET', 'a two-word level: its blank is kept (TOPSECRET would be no mark)'],
    ['\u0416', 'a lone letter of another script, where a mark stands'],
    ['\u13A2S', 'a short word mixing a Cherokee letter with a Latin capital'],
  ])('%j is a disguised mark (%s)', (word) => {
    expect(disguisedMark(word)).toBe(true)
  })

  it.each([
    ['S', 'a mark in ASCII is what it says'],
    [' S ', 'blanks around an ASCII mark'],
    ['S//NF', 'a readable mark in ASCII'],
    ['S\tNF', 'ASCII with a tab'],
    ['\u0405 CT', 'S CT, which is no mark in ASCII either: the blank is kept'],
    ['\u0416\u0443\u043a', 'a Cyrillic word that shows as no mark'],
    ['\u0405\u0436', 'a lookalike and a letter that stays Cyrillic: no mark on a screen'],
    ['Se\u00f1or', 'an accented word'],
    ['Ankara\u2019s', 'a curly apostrophe'],
    ['\uff35\uff0e\uff33\uff0e', 'U.S. in fullwidth: an abbreviation, as in ASCII'],
    ['\uff35\uff2e', 'UN in fullwidth: an acronym, as in ASCII'],
  ])('%j is not (%s)', (word) => {
    expect(disguisedMark(word)).toBe(false)
  })
})

describe('markWordKind: disguised and mistyped marks', () => {
  it.each([
    // [word, after a number or SUBJECT:, at a line start]
    ['\u0405', 'unreadable', 'unreadable'],
    ['\u0421//NF', 'unreadable', 'unreadable'],
    ['\u0405\n//NF', 'unreadable', 'unreadable'],
    ['Se\u00f1or', 'none', 'none'],
    ['\u041c\u0438\u0440', 'none', 'none'],
    // a classified level's initial with stray punctuation: a mistyped mark where only a mark stands; at a line
    // start only a level's abbreviation itself with nothing or caveat words after it (`strayLevelMark`)
    ['S.', 'unreadable', 'unreadable'],
    ['S:', 'unreadable', 'unreadable'],
    ['T.', 'unreadable', 'none'],
    ['C.NF', 'unreadable', 'unreadable'],
    ['C;NF', 'unreadable', 'unreadable'],
    ['C|NF', 'unreadable', 'unreadable'],
    ['C_NF', 'unreadable', 'unreadable'],
    ['C+NF', 'unreadable', 'unreadable'],
    ['S..', 'unreadable', 'unreadable'],
    ['C.NF.X', 'unreadable', 'none'],
    ['SNOFORNX.', 'unreadable', 'none'], // eight letters before the stray mark
    ['SNOFORNXY.', 'none', 'none'], // nine
    ['C.NOFORNXY', 'unreadable', 'none'], // eight letters after it
    ['C.NOFORNXYZ', 'none', 'none'], // nine
    // no mistyped mark: other initials, digits, lower case, the separators of a marking, an office
    ['A.', 'none', 'none'],
    ['US.', 'none', 'none'],
    ['U.S.', 'none', 'none'],
    ['S.1', 'none', 'none'],
    ['S1.', 'none', 'none'],
    ['S.b', 'none', 'none'],
    ['s.', 'none', 'none'],
    ['S-CT', 'none', 'none'],
    ['S,CT', 'none', 'none'],
    ['S CT', 'none', 'none'],
    ['S/CT', 'none', 'none'],
  ])('%j after a number is %s, at a line start %s', (word, afterNumber, atLineStart) => {
    expect(markWordKind(word)).toBe(afterNumber)
    expect(markWordKind(word, 'line')).toBe(atLineStart)
  })
})

describe('strayLevelMark: a level abbreviation with stray punctuation, where a mark or a sentence may stand', () => {
  it.each(['S.', 'S:', 'TS;', 'C.NF', 'C;NF', 'C|NF', 'C_NF', 'S:REL', 'S.NOFORN', 'C;OC', 'S..'])('%j is a mistyped mark', (word) => {
    expect(strayLevelMark(word)).toBe(true)
  })
  it.each([
    ['S&T', 'an acronym with &'],
    ['S.A.', 'initials'],
    ['C.I.A.', 'initials'],
    ['C.DAVY', 'an initial and a name'],
    ["SAUDI'S", 'a possessive'],
    ['T.', 'T alone is no level abbreviation'],
    ['U.', 'unclassified asks nothing'],
    ['S', 'no stray punctuation'],
    ['S/NF', 'a readable mark'],
    ['S-NF', 'a separator of markings'],
    ['s.', 'lower case'],
    ['SC.NF', 'no level abbreviation'],
  ])('%j is not (%s)', (word) => {
    expect(strayLevelMark(word)).toBe(false)
  })
})

describe('parseMarking: the letters of a marking are the 52 of ASCII', () => {
  // the characters either side of A-Z and a-z in ASCII, and one outside ASCII: refused where they stand
  it.each(['@', '[', '`', '{', '\u00e9'])('should refuse S%sNF at the character', (c) => {
    expect(parseMarking(`S${c}NF`)).toEqual({ ok: false, error: { message: `unexpected character ${JSON.stringify(c)} in a marking`, start: 1, end: 2 } })
  })

  it('should read the letters at both ends of both cases', () => {
    expect(parseMarking('s//rel to aus, nzl')).toEqual({ ok: true, parts: { level: 'SECRET', caveats: [], releasableTo: ['AUS', 'NZL'] } })
    expect(parseMarking('S//REL TO AUS, NZL')).toEqual({ ok: true, parts: { level: 'SECRET', caveats: [], releasableTo: ['AUS', 'NZL'] } })
  })
})

describe('disguisedMark: a lone letter or a short mixed word that no lookalike table lists', () => {
  // ZHE (\u0416) looks like no Latin letter and is in no table: only the shape of the word can tell
  it.each([
    [' \u0416 ', 'a lone letter of another script with blanks around'],
    ['\u0416S', 'a Latin capital beside it'],
    ['\u0416A', 'A, the first Latin capital'],
    ['\u0416Z', 'Z, the last'],
    ['\u0416\u3164S', 'a Hangul filler between, which shows as a blank'],
    ['\u0416\u200bS', 'a zero-width space between'],
    ['\u0416ABCDEFG', 'eight letters'],
  ])('%j is a disguised mark (%s)', (word) => {
    expect(disguisedMark(word)).toBe(true)
  })

  it.each([
    ['\u0416ABCDEFGH', 'nine letters: a word, not a mark'],
    ['\u0416\u0443\u043a', 'no Latin capital (Cyrillic y reads as Latin only in the skeleton)'],
    ['\u0416a', 'a Latin small letter only'],
    ['\u04161', 'a digit'],
    ['\u3164', 'a filler alone: a blank'],
    ['\u200b', 'a zero-width space alone: nothing'],
  ])('%j is not (%s)', (word) => {
    expect(disguisedMark(word)).toBe(false)
  })
})

describe('strayLevelMark: only caveat words of one word count after the punctuation', () => {
  it.each([
    ['S.FOR', false, 'FOR opens FOR OFFICIAL USE ONLY but is no caveat alone'],
    ['S.SPECAT', true, 'SPECAT is a caveat alone too'],
    ['C;OC', true, 'OC is ORCON'],
  ])('%j: %s (%s)', (word, expected) => {
    expect(strayLevelMark(word)).toBe(expected)
  })
})

describe('markSkeleton: every lookalike letter reads as the Latin letter a screen shows', () => {
  // one row per script, each letter written as its code point and the Latin letters it shows as written out by
  // hand: a lookalike the skeleton stopped reading would let a mark spelt with it pass as prose (fail open)
  it.each([
    ['Cyrillic capitals', '\u0410\u0412\u0421\u0415\u041D\u0406\u0408\u041A\u041C\u041E\u0420\u0405\u0422\u0425\u0423\u0500', 'ABCEHIJKMOPSTXYD'],
    ['Cyrillic small letters', '\u0430\u0441\u0435\u043E\u0440\u0445\u0443\u0455\u0456\u0458\u0501', 'aceopxysijd'],
    ['Greek capitals', '\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7', 'ABEZHIKMNOPTYX'],
    ['Greek small omicron and nu', '\u03BF\u03BD', 'ov'],
    ['Cherokee', '\u13AA\u13F4\u13DF\u13A0\u13AC\u13C0\u13BB\u13C6\u13AB\u13E6\u13DE\u13B7\u13E2\u13DA\u13A2\u13D9\u13B3\u13C3', 'ABCDEGHIJKLMPSTVWZ'],
    [
      'Lisu',
      '\uA4EE\uA4D0\uA4DA\uA4D3\uA4F0\uA4DD\uA4D6\uA4E7\uA4F2\uA4D9\uA4D7\uA4E1\uA4DF\uA4E0\uA4F3\uA4D1\uA4E3\uA4E2\uA4D4\uA4F4\uA4E6\uA4EA\uA4EB\uA4EC\uA4DC',
      'ABCDEFGHIJKLMNOPRSTUVWXYZ',
    ],
    ['Coptic capitals', '\u2C80\u2C82\u2CA4\u2C86\u2C88\u2C8E\u2C92\u2C94\u2C98\u2C9A\u2C9E\u2CA2\u2CA6\u2CAC', 'ABCDEHIKMNOPTX'],
    [
      'Latin small capitals',
      '\u1D00\u0299\u1D04\u1D05\u1D07\uA730\u0262\u029C\u026A\u1D0A\u1D0B\u029F\u1D0D\u0274\u1D0F\u1D18\u0280\uA731\u1D1B\u1D1C\u1D20\u1D21\u028F\u1D22',
      'ABCDEFGHIJKLMNOPRSTUVWYZ',
    ],
  ])('%s read as Latin letters', (_script, written, seen) => {
    expect(markSkeleton(written)).toBe(seen)
    // each letter alone too: the row's order pairs each code point with the letter it shows
    for (const [i, c] of [...written].entries()) expect(markSkeleton(c)).toBe(seen[i])
  })
})
