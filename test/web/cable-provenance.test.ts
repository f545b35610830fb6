import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserUnavailable, cable, publicArchiveSession } from './browser-harness.js'

const unavailable = browserUnavailable()
if (unavailable) console.warn(`skipping the cable provenance browser test: ${unavailable}`)

// A synthetic partial record (no DTG): its date is inferred from the DECL month and the year of the id it was
// filed under; its REF names a cable, a memo and an e-mail.
const PARTIAL = `This record is a partial extract of the original cable. The full text of the original cable is not available.

FM AMEMBASSY TESSIN
TO SECSTATE WASHDC IMMEDIATE 7212

C O N F I D E N T I A L SECTION 01 OF 02 TESSIN 004411

E.O. 12958: DECL: 06/14/2018
TAGS: PGOV, XY
SUBJECT: INVENTED PARTIAL RECORD

REF: A. TESSIN 4410
B. MEMO OF 3/1/08
C. SMITH-JONES EMAIL OF 4/2/08

1. (C) Invented text.
`

/** The web cable view and result list, against a real `cable serve --public`: an inferred date is never shown as read. */
describe.skipIf(unavailable !== null)('date provenance and non-cable references in Chromium', { timeout: 180_000 }, () => {
  const session = publicArchiveSession({
    prefix: 'provenance',
    fill: async (db, dir) => {
      mkdirSync(join(dir, 'in'))
      writeFileSync(join(dir, 'in', '08TESSIN4411.txt'), PARTIAL)
      await cable(['import', join(dir, 'in'), '--db', db])
    },
    viewport: { width: 1200, height: 900 },
    timeout: 15_000,
    setupTimeout: 120_000,
  })

  it('should mark an inferred date in the results and the cable view, and list memos and e-mails as no cables', async () => {
    await session.page.goto(`${session.server.url}/`)
    await session.page.locator('.results .hit-id', { hasText: '08TESSIN4411' }).waitFor()
    expect(await session.page.locator('.results .hit-date').first().textContent()).toBe('2008-06 (inferred)')
    await session.page.goto(`${session.server.url}/#/cable/08TESSIN4411`)
    await session.page.locator('.date-source').waitFor()
    expect(await session.page.locator('.date-source').textContent()).toBe("(inferred, to the month, from DECL, the id it was filed under)")
    const refs = session.page.locator('.refs li')
    await refs.first().waitFor()
    expect(await refs.allTextContents()).toEqual([
      'REF A 08TESSIN4410 (not in archive)',
      'REF B MEMO OF 3/1/08 (memo, not a cable)',
      'REF C SMITH-JONES EMAIL OF 4/2/08 (e-mail, not a cable)',
    ])
    // only a cable is a link
    expect(await refs.locator('a').count()).toBe(0)
    expect(session.errors).toEqual([])
  })
})
