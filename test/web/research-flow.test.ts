import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserUnavailable, cable, launchBrowser, pageErrors, screenshot, seriousViolations, serve, tempDir, type RunningServer } from './browser-harness.js'
import { writeReleases } from './research-fixtures.js'

const unavailable = browserUnavailable()
if (unavailable) console.warn(`skipping the research browser tests: ${unavailable}`)

const PASSWORD = 'root has a long passphrase'

/**
 * The research views in Chromium (docs/research.md "In the web app"), on the synthetic QUORIN releases of
 * research-fixtures.ts whose answers are known: a public `cable serve --public` for the gap map, people,
 * network and the cable's versions, routing and releasable tabs (and its refusal to save a snapshot), and an
 * operator server with a login where "Cite this result" saves a snapshot that verifies identical, then lists
 * a cable imported afterwards as added.
 */
// real browser and server processes on a shared 2-core machine: generous timeouts, no sleeps
describe.skipIf(unavailable !== null)('web research views in Chromium', { timeout: 240_000 }, () => {
  let dir: ReturnType<typeof tempDir>
  let releases: ReturnType<typeof writeReleases>
  let opDb: string
  let pub: RunningServer
  let op: RunningServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    dir = tempDir('research')
    releases = writeReleases(dir.path)
    const pubDb = join(dir.path, 'public.db')
    await cable(['import', releases.r1, '--db', pubDb])
    await cable(['import', releases.r2, '--db', pubDb])
    opDb = join(dir.path, 'operator.db')
    await cable(['directory', 'init', '--db', opDb])
    await cable(['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin,archive-reader', '--clearance', 'SECRET', '--caveats', 'NOFORN', '--db', opDb])
    await cable(['user', 'passwd', 'root', '--as', 'root', '--db', opDb], {}, PASSWORD + '\n')
    await cable(['import', releases.r1, '--db', opDb, '--as', 'root'])
    ;[pub, op] = await Promise.all([serve(pubDb, ['--public']), serve(opDb)])
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    errors = pageErrors(page)
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all([pub?.stop(), op?.stop()])
    dir?.remove()
  })

  const hash = () => page.evaluate(() => decodeURIComponent(location.hash.replace(/\+/g, ' ')))
  const waitForHash = (pattern: RegExp) => page.waitForFunction((src) => new RegExp(src).test(decodeURIComponent(location.hash.replace(/\+/g, ' '))), pattern.source)
  const banner = () => page.getByTestId('banner-top').textContent()
  const total = async () => Number(((await page.getByTestId('total').textContent()) ?? '').replace(/[^\d].*$/s, ''))

  it('draws the MRN gap map of one origin and year by month and lists the known-but-missing ids', async () => {
    await page.goto(`${pub.url}/#/gaps`)
    await page.getByRole('heading', { name: 'MRN gap map' }).waitFor()
    // all origins and years: a row per origin and year, each a link to its month chart
    await page.getByRole('heading', { name: /origins? and years?/ }).waitFor()
    expect(await page.locator('.gap-table tbody tr').count()).toBe(2)
    await page.getByRole('textbox', { name: 'Origin' }).fill('QUORIN')
    await page.getByRole('textbox', { name: 'Year' }).fill('2008')
    await page.getByRole('button', { name: 'Show' }).click()
    await waitForHash(/#\/gaps\?origin=QUORIN&year=2008$/)
    const summary = page.getByTestId('gap-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toBe('Serials 11–45: 3 held, 2 cited but not held, about 32 missing (8.6% coverage).')
    expect(await page.getByTestId('cited-missing').locator('li').allTextContents()).toEqual(['08QUORIN30', '08QUORIN45'])
    const chart = page.getByTestId('gap-chart')
    expect(await chart.getAttribute('aria-label')).toBe(
      'QUORIN 2008: serials by month. 2008-02: 1 held, 5 missing, 0 of them cited; 2008-03: 1 held, 8 missing, 0 of them cited; 2008-04: 0 held, 10 missing, 1 of them cited; 2008-05: 1 held, 9 missing, 1 of them cited',
    )
    // the cited-but-missing serials are a series of their own: in the legend and the table under the chart
    expect((await page.getByTestId('gap-legend').textContent())!.replace(/\s+/g, ' ').trim()).toBe('held cited but not held other estimated missing')
    const monthRows = page.locator('.gap-detail .gap-chart table tbody tr')
    expect(await monthRows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)))).toEqual([
      ['2008-02', '1', '5', '0'],
      ['2008-03', '1', '8', '0'],
      ['2008-04', '0', '10', '1'],
      ['2008-05', '1', '9', '1'],
    ])
    expect(await page.locator('.gap-detail .gap-chart table thead th').allTextContents()).toEqual(['Period', 'Held', 'Estimated missing', 'Of them cited'])
    await page.waitForFunction(() => (document.querySelector('[data-testid=gap-chart]') as HTMLCanvasElement | null)?.width! > 0)
    // the ids come out of a SECRET//NOFORN cable's REF line: the banner says so
    await expect.poll(banner).toBe('SECRET//NOFORN')
    await screenshot(page, 'research-gaps')
    expect(await seriousViolations(page)).toEqual([])
    // a known-but-missing id opens the search for the cables citing it
    await page.getByRole('link', { name: '08QUORIN45' }).click()
    await waitForHash(/q=cites:08QUORIN45/)
    await expect.poll(total).toBe(1)
    // a year the API refuses is said so, not drawn
    await page.goto(`${pub.url}/#/gaps?year=1066`)
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toMatch(/year/)
  })

  it('lists people and opens a person page with the cables he touches, linked to the cable view', async () => {
    await page.goto(`${pub.url}/#/people`)
    await page.getByTestId('people-count').waitFor()
    const rows = page.locator('table.people tbody tr')
    expect(await rows.locator('th').allTextContents()).toEqual(['Ada B. Nobody', 'Peter Quint', 'Clinton'])
    expect(await rows.first().locator('td').first().textContent()).toBe('3')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('searchbox', { name: 'Name' }).fill('quint')
    await page.getByRole('button', { name: 'Filter' }).click()
    await waitForHash(/name=quint/)
    await expect.poll(() => rows.locator('th').allTextContents()).toEqual(['Peter Quint'])
    // the person page asks the API for its one person, not for the whole list
    const asked: string[] = []
    const onRequest = (r: { url(): string }) => {
      const u = new URL(r.url())
      if (u.pathname.startsWith('/api/people')) asked.push(u.pathname + u.search)
    }
    page.on('request', onRequest)
    await page.getByRole('link', { name: 'Peter Quint' }).click()
    await waitForHash(/#\/people\/QUINT P$/)
    await page.getByRole('heading', { name: 'Peter Quint' }).waitFor()
    const cables = page.locator('table.person-cables tbody th')
    await expect.poll(() => cables.allTextContents()).toEqual(['08QUORIN11', '08QUORIN40'])
    page.off('request', onRequest)
    expect(asked).toEqual(['/api/people/QUINT%20P'])
    expect(await page.getByTestId('person-cable-count').textContent()).toBe('2')
    expect(await page.locator('table.person-cables tbody tr').nth(1).textContent()).toContain('classifier: Political Officer Peter Quint')
    await expect.poll(banner).toBe('SECRET//NOFORN')
    await screenshot(page, 'research-person')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('link', { name: '08QUORIN40' }).click()
    await waitForHash(/#\/cable\/08QUORIN40$/)
    await page.locator('#cable-title').waitFor()
    // a key no readable cable names: the API's 404, said so on the page
    await page.goto(`${pub.url}/#/people/${encodeURIComponent('NOBODY X')}`)
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('No person NOBODY X in the cables you may read.')
  })

  it('draws the origin→addressee network with clickable nodes, filtered by year', async () => {
    await page.goto(`${pub.url}/#/network`)
    const stations = page.getByTestId('stations').locator('tbody th')
    await expect.poll(() => stations.allTextContents()).toEqual(['AMEMBASSY QUORIN', 'SECSTATE WASHDC', 'AMEMBASSY VELLORA'])
    expect(await page.getByTestId('links').locator('tbody tr').first().textContent()).toBe('AMEMBASSY QUORINSECSTATE WASHDC330')
    const graph = page.getByTestId('network')
    await page.waitForFunction(() => JSON.parse(document.querySelector('[data-testid=network]')?.getAttribute('data-nodes') ?? '[]').length === 3)
    const nodes = new Map<string, [number, number]>((JSON.parse((await graph.getAttribute('data-nodes'))!) as [string, number, number][]).map(([id, x, y]) => [id, [x, y]]))
    expect([...nodes.keys()].sort()).toEqual(['AMEMBASSY QUORIN', 'AMEMBASSY VELLORA', 'SECSTATE WASHDC'])
    await screenshot(page, 'research-network')
    expect(await seriousViolations(page)).toEqual([])

    // the year filter goes in the URL and narrows the graph to 2009's one cable
    await page.getByRole('combobox', { name: 'Year' }).selectOption('2009')
    await waitForHash(/#\/network\?year=2009$/)
    await expect.poll(() => stations.allTextContents()).toEqual(['SECSTATE WASHDC', 'AMEMBASSY QUORIN'])
    await page.waitForFunction(() => JSON.parse(document.querySelector('[data-testid=network]')?.getAttribute('data-nodes') ?? '[]').length === 2)

    // a node opens the search for the cables that station sent
    const [id, x, y] = (JSON.parse((await graph.getAttribute('data-nodes'))!) as [string, number, number][]).find(([n]) => n === 'SECSTATE WASHDC')!
    const box = (await graph.boundingBox())!
    await page.mouse.click(box.x + x, box.y + y)
    await waitForHash(new RegExp(`#/search\\?f=\\+origin:"?${id}"?`))
    await expect.poll(total).toBe(1)
    expect(await page.locator('.results .hit-id').allTextContents()).toEqual(['09STATE500'])
  })

  it('shows a cable’s versions with a word diff, its routing replay and a releasable rendering, each a permalink', async () => {
    await page.goto(`${pub.url}/#/cable/08QUORIN11`)
    await page.locator('#cable-title').waitFor()
    await page.getByRole('tab', { name: 'Versions' }).click()
    await waitForHash(/#\/cable\/08QUORIN11\?tab=versions$/)
    await expect.poll(() => page.getByTestId('versions').locator('tbody tr').count()).toBe(2)
    const summary = page.getByTestId('diff-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toBe('Version 1 → version 2: 1 word removed, 3 added')
    expect(await page.getByTestId('diff').locator('del').allTextContents()).toEqual(['XXXXXXXXXXXX'])
    expect((await page.getByTestId('diff').locator('ins').allTextContents()).join('')).toBe('Minister Zorbek Talliv')
    await screenshot(page, 'research-versions')
    expect(await seriousViolations(page)).toEqual([])
    // the other direction, chosen in the selects, is a permalink too
    await page.getByRole('combobox', { name: 'From version' }).selectOption('2')
    await page.getByRole('combobox', { name: 'to version' }).selectOption('1')
    await waitForHash(/tab=versions&from=2&to=1$/)
    await expect.poll(() => summary.textContent()).toBe('Version 2 → version 1: 3 words removed, 1 added')
    await page.reload()
    await expect.poll(() => page.getByTestId('diff-summary').textContent()).toBe('Version 2 → version 1: 3 words removed, 1 added')

    // routing replay: Washington action, certain; Vellora not in the shipped directory
    await page.getByRole('tab', { name: 'Routing replay' }).click()
    await waitForHash(/#\/cable\/08QUORIN11\?tab=route$/)
    const route = page.getByTestId('route')
    await route.waitFor()
    expect(await route.locator('tbody tr').count()).toBe(1)
    expect(await route.locator('tbody tr td').allTextContents()).toEqual(['action', 'ROUTINE (FL5)', 'certain', 'TO'])
    expect(await page.getByTestId('route-unresolved').textContent()).toBe('AMEMBASSY VELLORA (info)')
    expect(await seriousViolations(page)).toEqual([])

    // releasable rendering of the SECRET//NOFORN cable for a CONFIDENTIAL reader, then for SECRET with NOFORN
    await page.goto(`${pub.url}/#/cable/08QUORIN40?tab=redact`)
    const text = page.getByTestId('releasable')
    await text.waitFor()
    expect(await page.getByTestId('redact-summary').textContent()).toMatch(/cleared for UNCLASSIFIED/)
    await page.getByRole('combobox', { name: 'Cleared for' }).selectOption('CONFIDENTIAL')
    await page.getByRole('button', { name: 'Render' }).click()
    await waitForHash(/tab=redact&for=CONFIDENTIAL$/)
    // without NOFORN no portion of a NOFORN cable is shown, its (C) ones included
    await expect.poll(() => page.getByTestId('redact-summary').textContent()).toMatch(/cleared for CONFIDENTIAL may see it: 4 portions withheld/)
    expect(await text.textContent()).not.toMatch(/election is set|clandestine/)
    await page.getByRole('checkbox', { name: 'NOFORN' }).check()
    await page.getByRole('button', { name: 'Render' }).click()
    await waitForHash(/tab=redact&for=CONFIDENTIAL,NOFORN$/)
    await expect.poll(() => page.getByTestId('redact-summary').textContent()).toMatch(/cleared for CONFIDENTIAL\/\/NOFORN may see it: 2 portions withheld/)
    expect(await text.textContent()).toContain('1. (C) The election is set for June.')
    expect(await text.textContent()).toContain('[Paragraph 2 withheld: marked SECRET//NOFORN, above CONFIDENTIAL]')
    expect(await text.textContent()).not.toContain('clandestine')
    await expect.poll(banner).toBe('SECRET//NOFORN')
    await screenshot(page, 'research-releasable')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('combobox', { name: 'Cleared for' }).selectOption('SECRET')
    await page.getByRole('checkbox', { name: 'NOFORN' }).check()
    await page.getByRole('button', { name: 'Render' }).click()
    await waitForHash(/for=SECRET,NOFORN$/)
    await expect.poll(() => text.textContent()).toContain('clandestine')
    // back to the text tab: the cable's own view
    await page.getByRole('tab', { name: 'Text' }).click()
    await waitForHash(/#\/cable\/08QUORIN40$/)
    await page.locator('.cable-text').first().waitFor()
  })

  it('says why a public server does not save a snapshot', async () => {
    await page.goto(`${pub.url}/#/search?q=origin:QUORIN`)
    await expect.poll(total).toBe(3)
    await page.getByRole('button', { name: 'Cite this result' }).click()
    const alert = page.getByTestId('cite-error')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/read-only/)
    expect(await hash()).not.toContain('snapshot=')
    expect(await seriousViolations(page)).toEqual([])
    expect(errors).toEqual([])
  })

  it('cites a result with a snapshot id that verifies identical, then lists a cable added after it', async () => {
    const own = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    const p = await own.newPage()
    p.setDefaultTimeout(15_000)
    const ownErrors = pageErrors(p)
    await p.goto(`${op.url}/#/desk`)
    await p.getByLabel('User name').fill('root')
    await p.getByLabel('Password').fill(PASSWORD)
    await p.getByRole('button', { name: 'Log in' }).click()
    await p.getByTestId('who').filter({ hasText: 'root' }).waitFor()
    await p.goto(`${op.url}/#/search?q=origin:QUORIN`)
    await expect.poll(async () => (await p.getByTestId('total').textContent()) ?? '').toMatch(/^3 cables/)
    await p.getByRole('button', { name: 'Cite this result' }).click()
    const id = p.getByTestId('snapshot-short-id')
    await id.waitFor()
    const short = (await id.textContent())!
    expect(short).toMatch(/^cg-[a-z2-7]{10}$/)
    expect(await p.evaluate(() => location.hash)).toContain(`snapshot=${short}`)
    await screenshot(p, 'research-cite')
    expect(await seriousViolations(p)).toEqual([])

    await p.getByRole('link', { name: 'show and verify' }).click()
    await p.waitForFunction((s) => location.hash === `#/snapshot/${s}`, short)
    expect(await p.getByTestId('snapshot-id').textContent()).toBe(short)
    const status = p.getByTestId('verify-status')
    await status.waitFor()
    expect(await status.textContent()).toBe('Identical: 3 cables now, 3 when saved; archive unchanged.')
    expect(await p.locator('.citation').textContent()).toContain(`Cablegram snapshot ${short}, query "origin:QUORIN", 3 cables`)
    await expect.poll(() => p.getByTestId('banner-top').textContent()).toBe('SECRET//NOFORN')
    await screenshot(p, 'research-snapshot')
    expect(await seriousViolations(p)).toEqual([])

    await cable(['import', releases.late, '--db', opDb, '--as', 'root'])
    await p.reload()
    await expect.poll(() => p.getByTestId('verify-status').textContent()).toBe('Different: 4 cables now, 3 when saved; archive changed.')
    expect(await p.getByTestId('verify-added').locator('li').allTextContents()).toEqual(['08QUORIN50'])
    expect(ownErrors).toEqual([])
    await own.close()
  })

  it('shows the drafter and clearer of a released cable as people on an operator server, with their role', async () => {
    // a synthetic telegram drafted, cleared, approved and released through messaging on the operator's database
    const team = [
      ['dana', 'Dana Ames', 'SCA/CEN', 'drafter'],
      ['carl', 'Carl Boyd', 'SCA/PPD', 'clearer'],
      ['abe', 'Abe Cole', 'S/ES', 'approver'],
    ]
    for (const [name, full, office, role] of team) {
      await cable(['user', 'add', name, '--full-name', full, '--post', 'SECSTATE WASHDC', '--office', office, '--roles', `${role},reader`, '--clearance', 'SECRET', '--db', opDb, '--as', 'root'])
    }
    const file = join(dir.path, 'wren.txt')
    writeFileSync(file, 'FM SECSTATE WASHDC\nTO AMEMBASSY DUSHANBE PRIORITY\n\nCONFIDENTIAL STATE 000000\n\nE.O. 13526: DECL: 03/14/2036\nTAGS: PREL, TI\nSUBJECT: (C) SYNTHETIC TEST: WREN REVIEW\n\nCLASSIFIED BY: SCA/CEN Director, Reason 1.4(d)\n\n1. (C) The wren review is synthetic.\n\nCLINTON\n')
    const draft = /draft (\d+)/.exec(await cable(['draft', 'new', file, '--clearer', 'carl', '--db', opDb, '--as', 'dana']))![1]
    await cable(['clear', draft, '--db', opDb, '--as', 'carl'])
    await cable(['approve', draft, '--db', opDb, '--as', 'abe'])
    const released = /released (\S+)/.exec(await cable(['release', draft, '--db', opDb, '--as', 'abe']))![1]

    const own = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    const p = await own.newPage()
    p.setDefaultTimeout(15_000)
    const ownErrors = pageErrors(p)
    await p.goto(`${op.url}/#/desk`)
    await p.getByLabel('User name').fill('root')
    await p.getByLabel('Password').fill(PASSWORD)
    await p.getByRole('button', { name: 'Log in' }).click()
    await p.getByTestId('who').filter({ hasText: 'root' }).waitFor()
    for (const [key, words] of [['AMES D', 'drafter: Dana Ames'], ['BOYD C', 'clearer: Carl Boyd']]) {
      await p.goto(`${op.url}/#/people/${encodeURIComponent(key)}`)
      await expect.poll(() => p.locator('table.person-cables tbody th').allTextContents()).toEqual([released])
      expect(await p.getByTestId('person-cable-count').textContent()).toBe('1')
      expect(await p.locator('table.person-cables tbody tr').first().textContent()).toContain(words)
    }
    await screenshot(p, 'research-person-drafter')
    expect(await seriousViolations(p)).toEqual([])
    expect(ownErrors).toEqual([])
    await own.close()
  })
})
