import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CORPUS_CABLES, HAS_CORPUS } from '../research/shared-corpus.js'
import { browserUnavailable, cable, launchBrowser, pageErrors, screenshot, seriousViolations, serve, tempDir, type RunningServer } from './browser-harness.js'

const unavailable = browserUnavailable() ?? (HAS_CORPUS ? null : `no dev corpus at ${CORPUS_CABLES} (set CABLEGRAM_SHARED)`)
if (unavailable) console.warn(`skipping the web app on the dev corpus: ${unavailable}`)

/** The archive screens on the real dev corpus (../shared/corpus, 5,202 cables of several decades). */
describe.skipIf(unavailable !== null)('web archive on the dev corpus', { timeout: 300_000 }, () => {
  let dir: ReturnType<typeof tempDir>
  let server: RunningServer
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    dir = tempDir('corpus')
    const db = join(dir.path, 'corpus.db')
    await cable(['import', CORPUS_CABLES, '--db', db])
    server = await serve(db, ['--public'])
    browser = await launchBrowser()
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage()
    page.setDefaultTimeout(30_000)
    errors = pageErrors(page)
  }, 900_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    dir?.remove()
  })

  it('searches with facets and histogram, opens the top hit with its words marked, and follows its references', async () => {
    const api = (await (await fetch(`${server.url}/api/search?q=tag:PREL&limit=1`)).json()) as { total: number }
    expect(api.total).toBeGreaterThan(100)
    await page.goto(`${server.url}/#/search?q=tag:PREL%20embassy`)
    await page.locator('ol.results .hit-id').first().waitFor()
    const total = Number((await page.getByTestId('total').textContent())!.replace(/[^\d].*$/s, '').replace(/,/g, ''))
    expect(total).toBeGreaterThan(0)
    expect(total).toBeLessThanOrEqual(api.total)
    await page.waitForFunction(() => document.querySelector('[data-testid=histogram]')?.getAttribute('data-bars'))
    const years = new Map<string, number>(JSON.parse((await page.getByTestId('histogram').getAttribute('data-bars'))!))
    expect(years.size).toBeGreaterThan(1) // several years of cables
    await screenshot(page, 'corpus-search')
    expect(await seriousViolations(page)).toEqual([])

    await page.locator('ol.results .hit-id').first().click()
    await page.locator('#cable-title').waitFor()
    await expect.poll(() => page.locator('mark.term-hit').count()).toBeGreaterThan(0)
    expect((await page.locator('mark.term-hit').first().textContent())!.toLowerCase()).toBe('embassy')
    expect(await page.getByTestId('banner-top').textContent()).not.toBe('')
    await screenshot(page, 'corpus-cable')
    expect(await seriousViolations(page)).toEqual([])

    // a cable whose REF names a cable the corpus holds: the link opens it
    // (the newest cables first: they are the ones that cite others)
    const citing = (await (await fetch(`${server.url}/api/search?q=*&sort=date-desc&limit=1000&snippets=false`)).json()) as { hits: { id: string }[] }
    let followed = false
    for (const h of citing.hits.filter((x) => x.id)) {
      const view = (await (await fetch(`${server.url}/api/cables/${h.id}`)).json()) as { references: { id: string | null; cable: unknown }[] }
      const held = view.references.find((r) => r.cable && r.id)
      if (!held) continue
      await page.goto(`${server.url}/#/cable/${h.id}`)
      await page.locator('.refs').getByRole('link', { name: held.id!, exact: true }).click()
      await page.waitForFunction((id) => location.hash.startsWith(`#/cable/${id}`), held.id)
      await page.locator('#cable-title').filter({ hasText: held.id! }).waitFor()
      followed = true
      break
    }
    expect(followed).toBe(true)
    expect(errors).toEqual([])
  })
})
