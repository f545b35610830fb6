import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORPUS_CABLES, HAS_CORPUS } from '../research/shared-corpus.js'
import { browserUnavailable, cable, publicArchiveSession, screenshot, seriousViolations } from './browser-harness.js'

const unavailable = browserUnavailable() ?? (HAS_CORPUS ? null : `no dev corpus at ${CORPUS_CABLES} (set CABLEGRAM_SHARED)`)
if (unavailable) console.warn(`skipping the web app on the dev corpus: ${unavailable}`)

/** The archive screens on the real dev corpus (../shared/corpus, 5,202 cables of several decades). */
describe.skipIf(unavailable !== null)('web archive on the dev corpus', { timeout: 300_000 }, () => {
  const session = publicArchiveSession({
    prefix: 'corpus',
    fill: async (db) => {
      await cable(['import', CORPUS_CABLES, '--db', db])
    },
    viewport: { width: 1400, height: 1000 },
    timeout: 30_000,
    setupTimeout: 900_000,
  })

  it('searches with facets and histogram, opens the top hit with its words marked, and follows its references', async () => {
    const api = (await (await fetch(`${session.server.url}/api/search?q=tag:PREL&limit=1`)).json()) as { total: number }
    expect(api.total).toBeGreaterThan(100)
    await session.page.goto(`${session.server.url}/#/search?q=tag:PREL%20embassy`)
    await session.page.locator('ol.results .hit-id').first().waitFor()
    const total = Number((await session.page.getByTestId('total').textContent())!.replace(/[^\d].*$/s, '').replace(/,/g, ''))
    expect(total).toBeGreaterThan(0)
    expect(total).toBeLessThanOrEqual(api.total)
    await session.page.waitForFunction(() => document.querySelector('[data-testid=histogram]')?.getAttribute('data-bars'))
    const years = new Map<string, number>(JSON.parse((await session.page.getByTestId('histogram').getAttribute('data-bars'))!))
    expect(years.size).toBeGreaterThan(1) // several years of cables
    await screenshot(session.page, 'corpus-search')
    expect(await seriousViolations(session.page)).toEqual([])

    await session.page.locator('ol.results .hit-id').first().click()
    await session.page.locator('#cable-title').waitFor()
    await expect.poll(() => session.page.locator('mark.term-hit').count()).toBeGreaterThan(0)
    expect((await session.page.locator('mark.term-hit').first().textContent())!.toLowerCase()).toBe('embassy')
    expect(await session.page.getByTestId('banner-top').textContent()).not.toBe('')
    await screenshot(session.page, 'corpus-cable')
    expect(await seriousViolations(session.page)).toEqual([])

    // a cable whose REF names a cable the corpus holds: the link opens it
    // (the newest cables first: they are the ones that cite others)
    const citing = (await (await fetch(`${session.server.url}/api/search?q=*&sort=date-desc&limit=1000&snippets=false`)).json()) as { hits: { id: string }[] }
    let followed = false
    for (const h of citing.hits.filter((x) => x.id)) {
      const view = (await (await fetch(`${session.server.url}/api/cables/${h.id}`)).json()) as { references: { id: string | null; cable: unknown }[] }
      const held = view.references.find((r) => r.cable && r.id)
      if (!held) continue
      await session.page.goto(`${session.server.url}/#/cable/${h.id}`)
      await session.page.locator('.refs').getByRole('link', { name: held.id!, exact: true }).click()
      await session.page.waitForFunction((id) => location.hash.startsWith(`#/cable/${id}`), held.id)
      await session.page.locator('#cable-title').filter({ hasText: held.id! }).waitFor()
      followed = true
      break
    }
    expect(followed).toBe(true)
    expect(session.errors).toEqual([])
  })
})
