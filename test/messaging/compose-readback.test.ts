import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCable } from '../../src/format/parse.js'
import { renderCanonical } from '../../src/format/render-canonical.js'
import type { Cable } from '../../src/format/model.js'
import { composeCable } from '../../src/messaging/compose-cable.js'
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
})
