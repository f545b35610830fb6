import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserUnavailable, cable, launchBrowser, pageErrors, ROOT, screenshot, seriousViolations, serve, tempDir, type RunningServer } from './browser-harness.js'

const unavailable = browserUnavailable()
if (unavailable) console.warn(`skipping the archive browser tests: ${unavailable}`)

/**
 * The researcher's path through the archive in Chromium, against a real `cable serve --public` over 400
 * synthetic cables plus the samples (09PARIS77 cites 09BERN123, which cites two cables not in the archive).
 */
// real browser and server processes on a shared 2-core machine: generous timeouts, no sleeps
describe.skipIf(unavailable !== null)('web archive in Chromium', { timeout: 240_000 }, () => {
  let dir: ReturnType<typeof tempDir>
  let server: RunningServer
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    dir = tempDir('archive')
    const db = join(dir.path, 'archive.db')
    await cable(['synth', '--out', join(dir.path, 'synth'), '--count', '400', '--seed', '3'])
    await cable(['import', join(dir.path, 'synth'), join(ROOT, 'samples'), '--db', db])
    server = await serve(db, ['--public'])
    browser = await launchBrowser()
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })).newPage()
    page.setDefaultTimeout(15_000)
    errors = pageErrors(page)
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    dir?.remove()
  })

  const total = async () => Number(((await page.getByTestId('total').textContent()) ?? '').replace(/[^\d].*$/s, '').replace(/,/g, ''))
  const hitIds = () => page.locator('.results .hit-id').allTextContents()
  const waitForUrl = (pattern: RegExp) => page.waitForFunction((src) => new RegExp(src).test(decodeURIComponent(location.hash.replace(/\+/g, ' '))), pattern.source)

  it('searches, includes and excludes facet values, selects a histogram range, opens a cable, steps through hits, follows a REF and comes back', async () => {
    await page.goto(`${server.url}/`)
    await expect.poll(total).toBe(403)
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input')
    await page.keyboard.type('trade')
    await page.keyboard.press('Enter')
    await waitForUrl(/q=trade/)
    await expect.poll(total).toBeLessThan(403)
    const all = await total()
    expect(all).toBeGreaterThan(10)
    await screenshot(page, 'archive-search')
    expect(await seriousViolations(page)).toEqual([])

    // include a value: every hit has exactly it, and the total is the count the facet showed for it
    const include = page.getByRole('button', { name: 'Include Classification CONFIDENTIAL', exact: true })
    const shownCount = Number((await page.locator('li', { has: include }).locator('.facet-count').textContent())!.replace(/,/g, ''))
    await include.click()
    await waitForUrl(/f=\+classification:CONFIDENTIAL/)
    await expect.poll(total).toBeLessThan(all)
    const confidential = await total()
    expect(confidential).toBe(shownCount)
    expect(await page.locator('.results .class-tag').allTextContents()).toSatisfy((tags: string[]) => tags.every((t) => t === 'CONFIDENTIAL'))
    const counts = await page.locator('#facet-classification').locator('..').locator('.facet-count').allTextContents()
    expect(counts.map((c) => Number(c.replace(/,/g, '')))).toEqual([confidential])

    // exclude a value: no hit from that origin any more
    await page.getByRole('button', { name: 'Exclude Origin STATE', exact: true }).click()
    await waitForUrl(/f=-origin:STATE/)
    await expect.poll(total).toBeLessThan(confidential)
    expect(await page.locator('.results .hit-origin').allTextContents()).not.toContain('SECSTATE WASHDC')
    const excluded = await total()

    // drag across the histogram from 2008 to 2009: the range goes in the URL, bins become months
    const plot = page.getByTestId('histogram')
    await page.waitForFunction(() => document.querySelector('[data-testid=histogram]')?.getAttribute('data-bars'))
    const bars = new Map<string, number>(JSON.parse((await plot.getAttribute('data-bars'))!))
    const box = (await plot.boundingBox())!
    const y = box.y + box.height / 2
    await page.mouse.move(box.x + bars.get('2008')!, y)
    await page.mouse.down()
    await page.mouse.move(box.x + (bars.get('2008')! + bars.get('2009')!) / 2, y, { steps: 4 })
    await page.mouse.move(box.x + bars.get('2009')!, y, { steps: 4 })
    await page.mouse.up()
    await waitForUrl(/from=2008&to=2009/)
    await expect.poll(total).toBeLessThan(excluded)
    await page.getByText('by month').waitFor()
    const inRange = await total()
    expect(inRange).toBeGreaterThan(0)
    const dates = await page.locator('.results .hit-date').allTextContents()
    expect(dates.every((d) => d >= '2008-01-01' && d <= '2009-12-31')).toBe(true)
    await screenshot(page, 'archive-search-filtered')
    const searchUrl = page.url()

    // open the cable with the keyboard: j moves to the hit, Enter opens it
    const ids = await hitIds()
    const at = ids.indexOf('09PARIS77')
    expect(at).toBeGreaterThanOrEqual(0)
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    for (let i = 0; i <= at; i++) await page.keyboard.press('j')
    await page.keyboard.press('Enter')
    await waitForUrl(/#\/cable\/09PARIS77\?q=/)
    await page.locator('#cable-title').waitFor()

    // the search words are marked in the text; n and N step through them
    const marks = page.locator('mark.term-hit')
    await expect.poll(() => marks.count()).toBeGreaterThanOrEqual(2)
    const n = await marks.count()
    expect((await marks.allTextContents()).every((t) => t.toLowerCase() === 'trade')).toBe(true)
    const counter = page.getByTestId('hit-counter')
    expect(await counter.textContent()).toBe(`hit 1 of ${n}`)
    await page.keyboard.press('n')
    expect(await counter.textContent()).toBe(`hit 2 of ${n}`)
    expect(await page.locator('mark.term-hit.current').getAttribute('data-hit')).toBe('1')
    await page.keyboard.press('Shift+N')
    expect(await counter.textContent()).toBe(`hit 1 of ${n}`)
    // portion marks by level, the class banner of what is shown
    expect(await page.locator('.portion-mark.tone-c').first().textContent()).toBe('(C)')
    expect(await page.locator('.portion-mark.tone-u').first().textContent()).toBe('(U)')
    expect(await page.getByTestId('banner-top').textContent()).toMatch(/^(CONFIDENTIAL|SECRET)/)
    expect(await page.getByTestId('banner-bottom').textContent()).toBe(await page.getByTestId('banner-top').textContent())
    await screenshot(page, 'archive-cable')
    expect(await seriousViolations(page)).toEqual([])

    // follow the REF; a cited cable the archive lacks is said to be missing
    await page.getByRole('link', { name: '09BERN123' }).click()
    await waitForUrl(/#\/cable\/09BERN123/)
    await page.getByText('(not in archive)').first().waitFor()
    expect(await page.locator('.refs li', { hasText: '(not in archive)' }).count()).toBe(2)
    expect(await page.locator('.refs li', { hasText: '09PARIS77' }).count()).toBe(1) // cited by

    // back twice (Esc, then the browser's back) returns to the same search, filters and range intact
    await page.keyboard.press('Escape')
    await waitForUrl(/#\/cable\/09PARIS77/)
    await page.goBack()
    await waitForUrl(/from=2008&to=2009/)
    expect(page.url()).toBe(searchUrl)
    await expect.poll(total).toBe(inRange)
    expect(await page.locator('.chip').allTextContents()).toHaveLength(2)
    expect(await page.locator('#search-input').inputValue()).toBe('trade')
    expect(errors).toEqual([])
  })

  it('exports the whole result set, as many rows as the total, in CSV and JSON Lines', async () => {
    await page.goto(`${server.url}/#/search?q=tag:PREL&sort=date`)
    await expect.poll(total).toBeGreaterThan(20) // more than one page: the export is not the page
    const n = await total()
    for (const [name, format] of [
      ['CSV', 'csv'],
      ['JSON Lines', 'jsonl'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()])
      const text = readFileSync((await download.path())!, 'utf8')
      const lines = text.split('\n').filter((l) => l !== '')
      if (format === 'csv') {
        expect(lines[0]).toBe('id,date,date_source,origin,classification,subject,tags,score,snippet')
        expect(lines.length - 1).toBe(n)
      } else {
        expect(lines).toHaveLength(n)
        expect(lines.map((l) => JSON.parse(l) as { tags: string[] }).every((h) => h.tags.includes('PREL'))).toBe(true)
      }
    }
  })

  it('completes fields and values, underlines a syntax error at its column, and explains the language', async () => {
    await page.goto(`${server.url}/#/search`)
    await expect.poll(total).toBe(403)
    const box = page.locator('#search-input')
    await box.click()
    await box.pressSequentially('ori')
    await page.getByRole('option', { name: /origin:/ }).waitFor()
    await page.keyboard.press('Tab')
    expect(await box.inputValue()).toBe('origin:')
    await box.pressSequentially('PAR')
    await page.getByRole('option', { name: /^PARIS/ }).waitFor()
    // Enter alone searches what was typed; the arrow keys choose a suggestion for Enter to take
    const paris = page.getByRole('option', { name: /^PARIS/ })
    for (let i = 0; i < 12 && (await paris.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown')
    expect(await paris.getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Enter')
    expect(await box.inputValue()).toBe('origin:PARIS')
    await page.keyboard.press('Enter')
    await waitForUrl(/q=origin:PARIS/)
    await expect.poll(hitIds).toEqual(expect.arrayContaining(['09PARIS77']))

    await box.fill('tag:PREL AND (')
    await box.press('Enter')
    const alert = page.locator('#query-error')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('column 15')
    expect(await box.getAttribute('aria-invalid')).toBe('true')
    // the underline sits under column 15 (one past the end: the query ended too soon)
    const under = page.locator('.query-error-at')
    expect(await under.count()).toBe(1)
    const before = await page.evaluate(() => document.querySelector('.query-mirror')!.firstChild!.textContent)
    expect(before).toBe('tag:PREL AND (')
    await screenshot(page, 'archive-query-error')

    await page.getByRole('button', { name: 'Query help' }).click()
    const help = page.getByRole('region', { name: 'Query language help' })
    await help.waitFor()
    await help.getByRole('button', { name: 'cites:09STATE99704' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await help.getByRole('button', { name: 'tag:PREL origin:HARARE' }).click()
    await waitForUrl(/q=tag:PREL origin:HARARE/)
    await expect.poll(() => page.locator('#query-error').count()).toBe(0)
  })

  it('includes a caption from its facet, and expands TAGS from the TAGS table in the facets, their filter box and the cable view', async () => {
    await page.goto(`${server.url}/#/search`)
    await expect.poll(total).toBe(403)
    // a TAG facet value shows its meaning, and the filter box finds a tag by its meaning
    const tags = page.locator('#facet-tag').locator('..')
    const prel = tags.locator('li', { has: page.getByRole('button', { name: 'Include TAGS PREL', exact: true }) })
    await expect.poll(() => prel.locator('.facet-value').textContent()).toBe('PREL — External Political Relations')
    await tags.getByRole('searchbox', { name: 'Filter TAGS values' }).fill('political relations')
    await expect.poll(() => tags.locator('.facet-value').allTextContents()).toEqual(['PREL — External Political Relations'])

    // include a caption: the total is the count the facet showed, and every hit has that caption
    const include = page.getByRole('button', { name: 'Include Caption NOFORN', exact: true })
    const shownCount = Number((await page.locator('li', { has: include }).locator('.facet-count').textContent())!.replace(/,/g, ''))
    expect(shownCount).toBeGreaterThan(0)
    expect(shownCount).toBeLessThan(403)
    await include.click()
    await waitForUrl(/f=\+caption:NOFORN/)
    await expect.poll(total).toBe(shownCount)
    const ids = await hitIds()
    expect(ids).toHaveLength(Math.min(shownCount, 20))
    for (const id of ids) {
      const view = (await (await fetch(`${server.url}/api/cables/${encodeURIComponent(id)}`)).json()) as { cable: { captions: string[] } }
      expect(view.cable.captions).toContain('NOFORN')
    }
    const captions = page.locator('#facet-caption').locator('..')
    expect(await captions.locator('li', { hasText: 'NOFORN' }).getAttribute('class')).toBe('included')
    // and excluded: none of the hits has it any more
    await page.getByRole('button', { name: 'Exclude Caption NOFORN', exact: true }).click()
    await waitForUrl(/f=-caption:NOFORN/)
    await expect.poll(total).toBe(403 - shownCount)
    expect(await captions.locator('.facet-value').allTextContents()).not.toContain('NOFORN')

    // the cable view lists its TAGS with their meanings
    await page.goto(`${server.url}/#/cable/09PARIS77`)
    const list = page.getByRole('list', { name: 'TAGS' })
    await expect.poll(() => list.locator('li').allTextContents()).toEqual(['PREL External Political Relations', 'ETRD Foreign Trade', 'FR France', 'SZ Switzerland'])
    await screenshot(page, 'archive-cable-tags')
    expect(await seriousViolations(page)).toEqual([])
    expect(errors).toEqual([])
  })

  it('filters a long facet list, draws the reference graph with clickable nodes and the statistics charts', async () => {
    await page.goto(`${server.url}/#/search`)
    await expect.poll(total).toBe(403)
    const tags = page.locator('#facet-tag').locator('..')
    await tags.getByRole('searchbox', { name: 'Filter TAGS values' }).fill('PG')
    await expect.poll(() => tags.locator('.facet-value').allTextContents()).toEqual(['PGOV — Internal Governmental Affairs'])

    await page.goto(`${server.url}/#/graph/09BERN123?depth=2`)
    await page.getByRole('heading', { name: '4 cables, 3 references' }).waitFor()
    await page.waitForFunction(() => document.querySelector('[data-testid=graph] canvas') !== null)
    await screenshot(page, 'archive-graph')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('combobox', { name: 'Depth' }).selectOption('1')
    await waitForUrl(/depth=1/)
    await page.getByRole('link', { name: '09PARIS77' }).click()
    await waitForUrl(/#\/cable\/09PARIS77/)

    await page.goto(`${server.url}/#/stats`)
    await page.getByRole('heading', { name: 'Archive statistics' }).waitFor()
    await expect.poll(() => page.locator('.chart-card canvas').count()).toBe(4)
    await page.waitForFunction(() => [...document.querySelectorAll('.chart-card canvas')].every((c) => (c as HTMLCanvasElement).width > 0))
    expect(await page.getByText('403 cables').count()).toBe(1)
    await screenshot(page, 'archive-stats')
    expect(await seriousViolations(page)).toEqual([])
    expect(errors).toEqual([])
  })
})
