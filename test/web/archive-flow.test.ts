import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserUnavailable, cable, publicArchiveSession, ROOT, screenshot, seriousViolations } from './browser-harness.js'

const unavailable = browserUnavailable()
if (unavailable) console.warn(`skipping the archive browser tests: ${unavailable}`)

/**
 * The researcher's path through the archive in Chromium, against a real `cable serve --public` over 400
 * synthetic cables plus the samples (09PARIS77 cites 09BERN123, which cites two cables not in the archive).
 */
// real browser and server processes on a shared 2-core machine: generous timeouts, no sleeps
describe.skipIf(unavailable !== null)('web archive in Chromium', { timeout: 240_000 }, () => {
  const session = publicArchiveSession({
    prefix: 'archive',
    fill: async (db, dir) => {
      await cable(['synth', '--out', join(dir, 'synth'), '--count', '400', '--seed', '3'])
      await cable(['import', join(dir, 'synth'), join(ROOT, 'samples'), '--db', db])
    },
    viewport: { width: 1400, height: 1000 },
    timeout: 15_000,
    setupTimeout: 300_000,
  })

  const total = async () => Number(((await session.page.getByTestId('total').textContent()) ?? '').replace(/[^\d].*$/s, '').replace(/,/g, ''))
  const hitIds = () => session.page.locator('.results .hit-id').allTextContents()
  const waitForUrl = (pattern: RegExp) => session.page.waitForFunction((src) => new RegExp(src).test(decodeURIComponent(location.hash.replace(/\+/g, ' '))), pattern.source)

  it('searches, includes and excludes facet values, selects a histogram range, opens a cable, steps through hits, follows a REF and comes back', async () => {
    await session.page.goto(`${session.server.url}/`)
    await expect.poll(total).toBe(403)
    await session.page.keyboard.press('/')
    expect(await session.page.evaluate(() => document.activeElement?.id)).toBe('search-input')
    await session.page.keyboard.type('trade')
    await session.page.keyboard.press('Enter')
    await waitForUrl(/q=trade/)
    await expect.poll(total).toBeLessThan(403)
    const all = await total()
    expect(all).toBeGreaterThan(10)
    await screenshot(session.page, 'archive-search')
    expect(await seriousViolations(session.page)).toEqual([])

    // include a value: every hit has exactly it, and the total is the count the facet showed for it
    const include = session.page.getByRole('button', { name: 'Include Classification CONFIDENTIAL', exact: true })
    const shownCount = Number((await session.page.locator('li', { has: include }).locator('.facet-count').textContent())!.replace(/,/g, ''))
    await include.click()
    await waitForUrl(/f=\+classification:CONFIDENTIAL/)
    await expect.poll(total).toBeLessThan(all)
    const confidential = await total()
    expect(confidential).toBe(shownCount)
    expect(await session.page.locator('.results .class-tag').allTextContents()).toSatisfy((tags: string[]) => tags.every((t) => t === 'CONFIDENTIAL'))
    const counts = await session.page.locator('#facet-classification').locator('..').locator('.facet-count').allTextContents()
    expect(counts.map((c) => Number(c.replace(/,/g, '')))).toEqual([confidential])

    // exclude a value: no hit from that origin any more
    await session.page.getByRole('button', { name: 'Exclude Origin STATE', exact: true }).click()
    await waitForUrl(/f=-origin:STATE/)
    await expect.poll(total).toBeLessThan(confidential)
    expect(await session.page.locator('.results .hit-origin').allTextContents()).not.toContain('SECSTATE WASHDC')
    const excluded = await total()

    // drag across the histogram from 2008 to 2009: the range goes in the URL, bins become months
    const plot = session.page.getByTestId('histogram')
    await session.page.waitForFunction(() => document.querySelector('[data-testid=histogram]')?.getAttribute('data-bars'))
    const bars = new Map<string, number>(JSON.parse((await plot.getAttribute('data-bars'))!))
    const box = (await plot.boundingBox())!
    const y = box.y + box.height / 2
    await session.page.mouse.move(box.x + bars.get('2008')!, y)
    await session.page.mouse.down()
    await session.page.mouse.move(box.x + (bars.get('2008')! + bars.get('2009')!) / 2, y, { steps: 4 })
    await session.page.mouse.move(box.x + bars.get('2009')!, y, { steps: 4 })
    await session.page.mouse.up()
    await waitForUrl(/from=2008&to=2009/)
    await expect.poll(total).toBeLessThan(excluded)
    await session.page.getByText('by month').waitFor()
    const inRange = await total()
    expect(inRange).toBeGreaterThan(0)
    const dates = await session.page.locator('.results .hit-date').allTextContents()
    expect(dates.every((d) => d >= '2008-01-01' && d <= '2009-12-31')).toBe(true)
    await screenshot(session.page, 'archive-search-filtered')
    const searchUrl = session.page.url()

    // open the cable with the keyboard: j moves to the hit, Enter opens it
    const ids = await hitIds()
    const at = ids.indexOf('09PARIS77')
    expect(at).toBeGreaterThanOrEqual(0)
    await session.page.locator('body').click({ position: { x: 5, y: 300 } })
    for (let i = 0; i <= at; i++) await session.page.keyboard.press('j')
    await session.page.keyboard.press('Enter')
    await waitForUrl(/#\/cable\/09PARIS77\?q=/)
    await session.page.locator('#cable-title').waitFor()

    // the search words are marked in the text; n and N step through them
    const marks = session.page.locator('mark.term-hit')
    await expect.poll(() => marks.count()).toBeGreaterThanOrEqual(2)
    const n = await marks.count()
    expect((await marks.allTextContents()).every((t) => t.toLowerCase() === 'trade')).toBe(true)
    const counter = session.page.getByTestId('hit-counter')
    expect(await counter.textContent()).toBe(`hit 1 of ${n}`)
    await session.page.keyboard.press('n')
    expect(await counter.textContent()).toBe(`hit 2 of ${n}`)
    expect(await session.page.locator('mark.term-hit.current').getAttribute('data-hit')).toBe('1')
    await session.page.keyboard.press('Shift+N')
    expect(await counter.textContent()).toBe(`hit 1 of ${n}`)
    // portion marks by level, the class banner of what is shown
    expect(await session.page.locator('.portion-mark.tone-c').first().textContent()).toBe('(C)')
    expect(await session.page.locator('.portion-mark.tone-u').first().textContent()).toBe('(U)')
    expect(await session.page.getByTestId('banner-top').textContent()).toMatch(/^(CONFIDENTIAL|SECRET)/)
    expect(await session.page.getByTestId('banner-bottom').textContent()).toBe(await session.page.getByTestId('banner-top').textContent())
    await screenshot(session.page, 'archive-cable')
    expect(await seriousViolations(session.page)).toEqual([])

    // follow the REF; a cited cable the archive lacks is said to be missing
    await session.page.getByRole('link', { name: '09BERN123' }).click()
    await waitForUrl(/#\/cable\/09BERN123/)
    await session.page.getByText('(not in archive)').first().waitFor()
    expect(await session.page.locator('.refs li', { hasText: '(not in archive)' }).count()).toBe(2)
    expect(await session.page.locator('.refs li', { hasText: '09PARIS77' }).count()).toBe(1) // cited by

    // back twice (Esc, then the browser's back) returns to the same search, filters and range intact
    await session.page.keyboard.press('Escape')
    await waitForUrl(/#\/cable\/09PARIS77/)
    await session.page.goBack()
    await waitForUrl(/from=2008&to=2009/)
    expect(session.page.url()).toBe(searchUrl)
    await expect.poll(total).toBe(inRange)
    expect(await session.page.locator('.chip').allTextContents()).toHaveLength(2)
    expect(await session.page.locator('#search-input').inputValue()).toBe('trade')
    expect(session.errors).toEqual([])
  })

  it('exports the whole result set, as many rows as the total, in CSV and JSON Lines', async () => {
    await session.page.goto(`${session.server.url}/#/search?q=tag:PREL&sort=date`)
    await expect.poll(total).toBeGreaterThan(20) // more than one page: the export is not the page
    const n = await total()
    for (const [name, format] of [
      ['CSV', 'csv'],
      ['JSON Lines', 'jsonl'],
    ] as const) {
      const [download] = await Promise.all([session.page.waitForEvent('download'), session.page.getByRole('link', { name, exact: true }).click()])
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
    await session.page.goto(`${session.server.url}/#/search`)
    await expect.poll(total).toBe(403)
    const box = session.page.locator('#search-input')
    await box.click()
    await box.pressSequentially('ori')
    await session.page.getByRole('option', { name: /origin:/ }).waitFor()
    await session.page.keyboard.press('Tab')
    expect(await box.inputValue()).toBe('origin:')
    await box.pressSequentially('PAR')
    await session.page.getByRole('option', { name: /^PARIS/ }).waitFor()
    // Enter alone searches what was typed; the arrow keys choose a suggestion for Enter to take
    const paris = session.page.getByRole('option', { name: /^PARIS/ })
    for (let i = 0; i < 12 && (await paris.getAttribute('aria-selected')) !== 'true'; i++) await session.page.keyboard.press('ArrowDown')
    expect(await paris.getAttribute('aria-selected')).toBe('true')
    await session.page.keyboard.press('Enter')
    expect(await box.inputValue()).toBe('origin:PARIS')
    await session.page.keyboard.press('Enter')
    await waitForUrl(/q=origin:PARIS/)
    await expect.poll(hitIds).toEqual(expect.arrayContaining(['09PARIS77']))

    await box.fill('tag:PREL AND (')
    await box.press('Enter')
    const alert = session.page.locator('#query-error')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('column 15')
    expect(await box.getAttribute('aria-invalid')).toBe('true')
    // the underline sits under column 15 (one past the end: the query ended too soon)
    const under = session.page.locator('.query-error-at')
    expect(await under.count()).toBe(1)
    const before = await session.page.evaluate(() => document.querySelector('.query-mirror')!.firstChild!.textContent)
    expect(before).toBe('tag:PREL AND (')
    await screenshot(session.page, 'archive-query-error')

    await session.page.getByRole('button', { name: 'Query help' }).click()
    const help = session.page.getByRole('region', { name: 'Query language help' })
    await help.waitFor()
    await help.getByRole('button', { name: 'cites:09STATE99704' }).waitFor()
    expect(await seriousViolations(session.page)).toEqual([])
    await help.getByRole('button', { name: 'tag:PREL origin:HARARE' }).click()
    await waitForUrl(/q=tag:PREL origin:HARARE/)
    await expect.poll(() => session.page.locator('#query-error').count()).toBe(0)
  })

  it('includes a caption from its facet, and expands TAGS from the TAGS table in the facets, their filter box and the cable view', async () => {
    await session.page.goto(`${session.server.url}/#/search`)
    await expect.poll(total).toBe(403)
    // a TAG facet value shows its meaning, and the filter box finds a tag by its meaning
    const tags = session.page.locator('#facet-tag').locator('..')
    const prel = tags.locator('li', { has: session.page.getByRole('button', { name: 'Include TAGS PREL', exact: true }) })
    await expect.poll(() => prel.locator('.facet-value').textContent()).toBe('PREL — External Political Relations')
    await tags.getByRole('searchbox', { name: 'Filter TAGS values' }).fill('political relations')
    await expect.poll(() => tags.locator('.facet-value').allTextContents()).toEqual(['PREL — External Political Relations'])

    // include a caption: the total is the count the facet showed, and every hit has that caption
    const include = session.page.getByRole('button', { name: 'Include Caption NOFORN', exact: true })
    const shownCount = Number((await session.page.locator('li', { has: include }).locator('.facet-count').textContent())!.replace(/,/g, ''))
    expect(shownCount).toBeGreaterThan(0)
    expect(shownCount).toBeLessThan(403)
    await include.click()
    await waitForUrl(/f=\+caption:NOFORN/)
    await expect.poll(total).toBe(shownCount)
    const ids = await hitIds()
    expect(ids).toHaveLength(Math.min(shownCount, 20))
    for (const id of ids) {
      const view = (await (await fetch(`${session.server.url}/api/cables/${encodeURIComponent(id)}`)).json()) as { cable: { captions: string[] } }
      expect(view.cable.captions).toContain('NOFORN')
    }
    const captions = session.page.locator('#facet-caption').locator('..')
    expect(await captions.locator('li', { hasText: 'NOFORN' }).getAttribute('class')).toBe('included')
    // and excluded: none of the hits has it any more
    await session.page.getByRole('button', { name: 'Exclude Caption NOFORN', exact: true }).click()
    await waitForUrl(/f=-caption:NOFORN/)
    await expect.poll(total).toBe(403 - shownCount)
    expect(await captions.locator('.facet-value').allTextContents()).not.toContain('NOFORN')

    // the cable view lists its TAGS with their meanings
    await session.page.goto(`${session.server.url}/#/cable/09PARIS77`)
    const list = session.page.getByRole('list', { name: 'TAGS' })
    await expect.poll(() => list.locator('li').allTextContents()).toEqual(['PREL External Political Relations', 'ETRD Foreign Trade', 'FR France', 'SZ Switzerland'])
    await screenshot(session.page, 'archive-cable-tags')
    expect(await seriousViolations(session.page)).toEqual([])
    expect(session.errors).toEqual([])
  })

  it('filters a long facet list, draws the reference graph with clickable nodes and the statistics charts', async () => {
    await session.page.goto(`${session.server.url}/#/search`)
    await expect.poll(total).toBe(403)
    const tags = session.page.locator('#facet-tag').locator('..')
    await tags.getByRole('searchbox', { name: 'Filter TAGS values' }).fill('PG')
    await expect.poll(() => tags.locator('.facet-value').allTextContents()).toEqual(['PGOV — Internal Governmental Affairs'])

    await session.page.goto(`${session.server.url}/#/graph/09BERN123?depth=2`)
    await session.page.getByRole('heading', { name: '4 cables, 3 references' }).waitFor()
    await session.page.waitForFunction(() => document.querySelector('[data-testid=graph] canvas') !== null)
    await screenshot(session.page, 'archive-graph')
    expect(await seriousViolations(session.page)).toEqual([])
    await session.page.getByRole('combobox', { name: 'Depth' }).selectOption('1')
    await waitForUrl(/depth=1/)
    await session.page.getByRole('link', { name: '09PARIS77' }).click()
    await waitForUrl(/#\/cable\/09PARIS77/)

    await session.page.goto(`${session.server.url}/#/stats`)
    await session.page.getByRole('heading', { name: 'Archive statistics' }).waitFor()
    await expect.poll(() => session.page.locator('.chart-card canvas').count()).toBe(4)
    await session.page.waitForFunction(() => [...document.querySelectorAll('.chart-card canvas')].every((c) => (c as HTMLCanvasElement).width > 0))
    expect(await session.page.getByText('403 cables').count()).toBe(1)
    await screenshot(session.page, 'archive-stats')
    expect(await seriousViolations(session.page)).toEqual([])
    expect(session.errors).toEqual([])
  })
})
