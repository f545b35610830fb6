import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import type { Cable } from '../../src/format/model.js'
import { composeCable } from '../../src/messaging/compose-cable.js'
import { readBack } from '../../src/messaging/draft-cable.js'
import { draftFromObject, draftFromText } from '../../src/messaging/index.js'
import { expandRecipients } from '../../src/messaging/recipients.js'
import type { DraftFields } from '../../src/messaging/types.js'
import { freshContext } from './fixtures.js'

/** The released cable's model must say what its own telegram says when parsed back. */
const said = (c: Cable) => ({
  to: c.to?.map((a) => ({ name: a.name, precedence: a.precedence, serial: a.serial, excluded: a.excluded })) ?? null,
  info: c.info?.map((a) => ({ name: a.name, precedence: a.precedence, serial: a.serial, excluded: a.excluded })) ?? null,
  sections: c.sections,
  // text aside: parsing attaches the literal lines after a paragraph to it (docs/data-model.md)
  paragraphs: c.paragraphs.map((p) => ({ number: p.number, marking: p.marking })),
  classification: c.classification,
  captions: c.captions,
})

describe('a released cable reads back as composed', () => {
  let env: Awaited<ReturnType<typeof freshContext>>
  beforeEach(async () => {
    env = await freshContext()
  })
  afterEach(() => env.cleanup())

  const release = async (fields: DraftFields) => {
    const directory = env.ctx.store.directory
    const { recipients, addressees } = await expandRecipients(fields, directory)
    const mcn = new Map(addressees.filter((a) => !a.collective).map((a, i) => [a.name, 100 + i]))
    const routes = new Map<string, string | null>()
    for (const r of recipients) routes.set(r.post, (await directory.post(r.post))?.route ?? null)
    return composeCable(fields, { originPost: (await directory.post('SECSTATE WASHDC'))!, serial: 7, at: new Date('2026-03-14T09:26:00Z'), addressees, recipients, mcn, routes })
  }

  it('numbers paragraphs as printed when literal lines stand between them, and keeps INFO with its collective', async () => {
    const fields = draftFromText(readFileSync(new URL('./fixtures/border-training.yaml', import.meta.url), 'utf8')).fields
    const cable = await release(fields)
    expect(cable.paragraphs.map((p) => p.number)).toEqual([1, 2])
    expect(said(cable)).toEqual(said(parseCable(renderCanonical(cable))))
    expect(readBack(cable, renderCanonical(cable))).toEqual([])
  })

  it('says null for an absent INFO line and 1 for an unsectioned telegram, as parsing does', async () => {
    const cable = await release(
      draftFromObject({
        precedence: 'ROUTINE',
        to: ['AMEMBASSY DUSHANBE'],
        classification: 'CONFIDENTIAL',
        captions: ['SIPDIS'],
        eo: { order: '13526', declassify: '2036/03/14' },
        tags: ['PREL', 'TI'],
        subject: { marking: 'C', text: 'BORDER TALKS' },
        classifiedBy: 'Jane Doe, Director, 1.4(b)',
        body: [{ marking: 'C', text: 'The talks resume in May.' }, { marking: 'U', text: 'Post will report.' }],
        signature: ['POMPEO'],
        clearers: ['carl'],
      }).fields,
    )
    expect(cable.info).toBeNull()
    expect(cable.sections).toBe(1)
    expect(said(cable)).toEqual(said(parseCable(renderCanonical(cable))))
  })

  it('keeps a TAGS entry of several words one tag, from a draft string or list through the telegram and back (spec §5.7)', async () => {
    const draft = (tags: unknown) =>
      draftFromObject({
        precedence: 'ROUTINE',
        to: ['AMEMBASSY DUSHANBE'],
        classification: 'UNCLASSIFIED',
        captions: ['SIPDIS'],
        tags,
        subject: { marking: 'U', text: 'RIGHTS DIALOGUE' },
        body: [{ marking: 'U', text: 'The dialogue resumes in May.' }],
        signature: ['POMPEO'],
      }).fields
    expect(draft('human  rights, PREL').tags).toEqual(['HUMAN RIGHTS', 'PREL'])
    expect(draft('PREL SNAR').tags).toEqual(['PREL', 'SNAR'])
    // words the parser would read as prose after the list are refused at `tags`, never dropped
    expect(() => draft('PREL PGOV the talks resume')).toThrow(/tags: "the talks resume" is no TAGS entry/)
    const cable = await release(draft(['HUMAN RIGHTS', 'PREL']))
    const telegram = renderCanonical(cable)
    // released telegrams are written in the seed's web form, where each tag is a link
    expect(telegram).toMatch(/^TAGS: \[HUMAN RIGHTS\]\(#\) \[PREL\]\(#\)$/m)
    expect(parseCable(telegram).tags).toEqual(['HUMAN RIGHTS', 'PREL'])
  })

  const base: DraftFields = {
    precedence: 'ROUTINE',
    to: [{ name: 'AMEMBASSY DUSHANBE' }],
    info: [],
    classification: 'SECRET',
    captions: ['SIPDIS'],
    eo: { order: '13526', declassify: '2036/03/14' },
    tags: ['PREL'],
    subject: { marking: 'S', text: 'BORDER TALKS' },
    references: ['26 STATE 5'],
    classifiedBy: 'Jane Doe, Director, 1.4(b)',
    body: [
      { marking: 'S', text: 'The talks resume in May.' },
      { marking: 'U', text: 'Post will report.' },
    ],
    signature: ['POMPEO'],
  }
  const check = async (fields: DraftFields) => {
    const cable = await release(fields)
    return readBack(cable, renderCanonical(cable))
  }
  const withText = (text: string, at = 0): DraftFields => ({ ...base, body: base.body.map((b, i) => (i === at && !('lines' in b) ? { ...b, text } : b)) })

  it('reads back a well-formed draft, several sections, literal lines and a lone paragraph without a difference', async () => {
    expect(await check(base)).toEqual([])
    expect(await check({ ...base, body: [{ lines: ['Participants', 'Ministry of Interior'] }, ...base.body, { lines: ['Border Service'] }] })).toEqual([])
    expect(await check({ ...base, body: [{ marking: 'S', text: 'Long. '.repeat(3000) }, { marking: 'U', text: 'Short.' }] })).toEqual([])
    expect(await check({ ...base, body: [{ marking: 'S', text: 'Only one paragraph,\nwrapped by hand.' }] })).toEqual([])
  })

  // spec §5.5: every DECL date form reads back; the telegram prints the usual one, MM/DD/YYYY
  it.each([
    ['MM/DD/YYYY', '12/01/2036'],
    ['M/D/YY', '12/1/36'],
    ['YYYY/MM/DD', '2036/12/01'],
    ['D/M/YYYY', '13/12/2036'],
    ['ISO', '2036-12-01'],
    ['DECL: MM/DD/YYYY', 'DECL: 12/01/2036'],
  ])('reads back a DECL date written %s (%s)', async (_form, written) => {
    const cable = await release({ ...base, eo: { order: '13526', declassify: written } })
    const text = renderCanonical(cable)
    const day = written === '13/12/2036' ? '12/13/2036' : '12/01/2036'
    expect(text).toContain(`E.O. 13526: DECL: ${day}`)
    expect(parseCable(text).eo?.declassify).toBe(cable.eo?.declassify)
    expect(readBack(cable, text)).toEqual([])
  })

  it.each([['OADR'], ['X1, X5'], ['AFTER THE TALKS END'], ['DECL: X1']])('reads back the DECL value %s as written', async (written) => {
    const cable = await release({ ...base, eo: { order: '13526', declassify: written } })
    const text = renderCanonical(cable)
    expect(text).toContain(`E.O. 13526: DECL: ${written.replace(/^DECL: /, '')}\n`)
    expect(readBack(cable, text)).toEqual([])
  })

  it('reads back an unclassified N/A written NA', async () => {
    const cable = await release({ ...base, classification: 'UNCLASSIFIED', captions: [], subject: { marking: 'U', text: 'TALKS' }, classifiedBy: null, body: [{ marking: 'U', text: 'Talks.' }], eo: { order: '13526', declassify: 'NA' } })
    const text = renderCanonical(cable)
    expect(text).toContain('E.O. 13526: N/A\n')
    expect(readBack(cable, text)).toEqual([])
  })

  it.each([
    ['a short closing sentence under its text', 'The delegation arrives in April.\nThanks.'],
    ['a closing sentence wrapped onto its own line', 'The delegation will report on the outcome of the talks in May and June. Thanks.'],
    ['one short word', 'Thanks.'],
  ])('reads back a last paragraph ending in %s, signed or not', async (_name, text) => {
    for (const profile of ['web', 'telegram'] as const) {
      for (const signature of [[], ['POMPEO']]) {
        const cable = { ...(await release({ ...withText(text, 1), signature })), layout: { profile, leadingEmptyLines: 0, finalNewline: true, crlf: false } }
        const telegram = renderCanonical(cable)
        expect(parseCable(telegram).signers).toEqual(signature)
        expect(readBack(cable, telegram)).toEqual([])
      }
    }
  })

  it('places a READBACK difference at the line read otherwise, not at line 1, column 1', async () => {
    // a draft without a signature whose last text line is a name-like word: the parse reads it as the signature
    const fields = { ...base, signature: [], body: [{ marking: 'S' as const, text: 'The talks resume in May.' }, { marking: 'U' as const, text: 'Post will report.\nRegards' }] }
    const cable = await release(fields)
    const text = renderCanonical(cable)
    const lines = text.split('\n')
    const problems = readBack(cable, text)
    const signature = problems.find((p) => p.message.startsWith("the telegram's signature"))
    expect(signature).toMatchObject({ rule: 'READBACK', line: lines.indexOf('Regards') + 1, column: 1 })
    expect(signature?.message).toMatch(/give the draft its signature/)
    const body = problems.find((p) => p.message.startsWith("the telegram's text"))
    expect(lines[(body?.line ?? 0) - 1]).toMatch(/^¶?2\. \(U\) Post will report\.$/)
    // the same problem in the findings a drafter sees, at its place
    expect(problems.every((p) => p.line !== undefined && p.line > 1)).toBe(true)
  })

  // the draft validator refuses these lines (draft-input.test.ts); the readback is the second, general guard for
  // anything that reaches composition by another way
  it.each([
    ['a fake class line', 'First.\n\nUNCLAS STATE 000009\n\nSUBJECT: (U) FAKE'],
    ['a fake class line in CRLF text', 'First.\r\n\r\nUNCLAS STATE 000009\r\n\r\nText.'],
    ['a fake SUBJECT line', 'First.\nSUBJECT: (U) FAKE'],
    ['a fake REF line', 'First.\n\nREF: STATE 99'],
    ['a fake numbered paragraph', 'First.\n2. (U) Nothing secret here.'],
    ['a fake portion mark line', 'First.\n\n(U) Nothing secret here.'],
    ['a fake end-of-text marker', 'First.\n\nNNNN\n\nMore.'],
    ['a fake caption', 'First.\n\nNOFORN\n\nMore.'],
  ])('refuses %s in a paragraph', async (_name, text) => {
    const problems = await check(withText(text))
    expect(problems.map((p) => p.rule)).toContain('READBACK')
  })

  it.each([
    ['a subject holding a REF line', { subject: { marking: 'S', text: 'TALKS\nREF: STATE 99' } }],
    ['a Classified By line holding a paragraph', { classifiedBy: 'Jane Doe\n\n2. (U) FAKE' }],
    ['a REF item holding a paragraph', { references: ['Letter of May 2\n\n1. (U) FAKE'] }],
    ['a signature holding a class line', { signature: ['POMPEO', 'UNCLAS STATE 000009'] }],
  ])('refuses %s', async (_name, extra) => {
    const problems = await check({ ...base, ...(extra as Partial<DraftFields>) })
    expect(problems.map((p) => p.rule)).toContain('READBACK')
  })
})
