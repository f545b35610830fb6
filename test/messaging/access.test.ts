import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { caveatsOfCaption } from '../../src/format/classification.js'
import { accessOf, canRead, levelRank, markingOf } from '../../src/messaging/access.js'
import { parseCable } from '../../src/format/parse.js'
import { archiveAccessOf, recordDenial } from '../../src/messaging/index.js'
import { addUsers, freshContext, ENGINES } from './fixtures.js'

const telegram = (classLine: string, captions: string[], marks: string[]) =>
  [
    '',
    '',
    'FM SECSTATE WASHDC',
    'TO AMEMBASSY DUSHANBE',
    '',
    `${classLine} STATE 000007`,
    '',
    ...(captions.length ? [captions.join('\n'), ''] : []),
    'E.O. 13526: DECL: 2041/03/14',
    'TAGS: PREL',
    `SUBJECT: (${marks[0]}) SYNTHETIC TEST`,
    '',
    ...marks.flatMap((m, i) => [`${i + 1}. (${m}) Paragraph ${i + 1}.`, '']),
    'POMPEO',
  ].join('\n')

describe('access rule', () => {
  it('should require the level and every caveat', async () => {
    const secretNoforn = { level: 3, caveats: ['NOFORN'] }
    expect(canRead({ level: 2, caveats: ['NOFORN'] }, secretNoforn)).toBe(false)
    expect(canRead({ level: 3, caveats: [] }, secretNoforn)).toBe(false)
    expect(canRead({ level: 3, caveats: ['NOFORN'] }, secretNoforn)).toBe(true)
    expect(canRead({ level: 4, caveats: ['EXDIS', 'NOFORN'] }, secretNoforn)).toBe(true)
    expect(canRead({ level: 4, caveats: ['NOFORN'] }, { level: 1, caveats: ['NODIS'] })).toBe(false)
  })

  it('should be monotone: more clearance or more caveats never hides a visible cable', async () => {
    const caveat = fc.constantFrom('NOFORN', 'NODIS', 'EXDIS', 'LIMDIS')
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(caveat), fc.integer({ min: 0, max: 4 }), fc.array(caveat), fc.array(caveat), (lvl, held, need, req, extra) => {
        const marking = { level: need, caveats: [...new Set(req)] }
        if (canRead({ level: lvl, caveats: held }, marking)) expect(canRead({ level: Math.min(4, lvl + 1), caveats: [...held, ...extra] }, marking)).toBe(true)
      }),
    )
  })

  it('should take the highest of class line, captions and portion marks, and every caveat', async () => {
    expect(markingOf(parseCable(telegram('S E C R E T', ['NOFORN', 'SIPDIS'], ['S//NF', 'C'])))).toEqual({ level: 3, caveats: ['NOFORN'] })
    // a NOFORN portion makes the whole cable NOFORN even without the caption
    expect(markingOf(parseCable(telegram('C O N F I D E N T I A L', [], ['C', 'C/NF'])))).toEqual({ level: 2, caveats: ['NOFORN'] })
    // SENSITIVE lifts an UNCLAS cable to SBU
    expect(markingOf(parseCable(telegram('UNCLAS', ['SENSITIVE'], ['U', 'SBU']))).level).toBe(1)
    // an under-marked cable errs towards hiding: the portion mark wins over the class line
    expect(markingOf(parseCable(telegram('C O N F I D E N T I A L', [], ['S', 'C']))).level).toBe(3)
    expect(caveatsOfCaption('NODIF')).toEqual(['NODIS'])
    expect(caveatsOfCaption('SIPDIS')).toEqual([])
  })

  it('should read level names as users type them and give deactivated users nothing', async () => {
    expect(['u', 'SBU', 'conf', 'Secret', 'TS', 'top secret'].map(levelRank)).toEqual([0, 1, null, 3, 4, 4])
    expect(accessOf({ clearance: 4, caveats: ['NOFORN'], active: false })).toEqual({ level: -1, caveats: [] })
    expect(canRead(accessOf({ clearance: 4, caveats: [], active: false }), { level: 0, caveats: [] })).toBe(false)
  })
})

describe.each(ENGINES)('access for read paths outside messaging (%s)', (engine) => {
  it('should give the archive the directory user\'s access and record its denials', async () => {
    const env = await freshContext({}, engine)
    try {
      await addUsers(env.ctx, [{ name: 'cora', post: 'AMEMBASSY DUSHANBE', roles: ['reader'], clearance: 'CONFIDENTIAL', caveats: ['NOFORN'] }])
      expect(await archiveAccessOf(env.ctx, 'cora')).toEqual({ level: 2, caveats: ['NOFORN'], needToKnow: { user: 'cora', post: 'AMEMBASSY DUSHANBE', archiveReader: false } })
      await expect(archiveAccessOf(env.ctx, 'nobody')).rejects.toThrow(/unknown user/)
      await recordDenial(env.ctx, 'cora', '26STATE9', 'show', 'archive copy above clearance')
      expect(await env.ctx.store.audit.query({ outcome: 'denied' })).toMatchObject([{ actor: 'cora', action: 'show', cableId: '26STATE9', post: 'AMEMBASSY DUSHANBE' }])
    } finally {
      await env.cleanup()
    }
  })
})
