import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserUnavailable, cable, launchBrowser, pageErrors, screenshot, seriousViolations, serve, tempDir, type RunningServer } from './browser-harness.js'

const unavailable = browserUnavailable()
if (unavailable) console.warn(`skipping the cable desk browser tests: ${unavailable}`)

const USERS = [
  ['dana', 'SECSTATE WASHDC', 'drafter', 'SECRET'],
  ['carl', 'SECSTATE WASHDC', 'clearer', 'SECRET'],
  ['abe', 'SECSTATE WASHDC', 'approver', 'SECRET'],
  ['dora', 'AMEMBASSY DUSHANBE', 'reader', 'SECRET'],
  // at the same post, cleared only for unclassified traffic
  ['uma', 'AMEMBASSY DUSHANBE', 'reader', 'UNCLASSIFIED'],
  // at a member post of the collective the cable goes to for info
  ['ivan', 'AMEMBASSY ASTANA', 'reader', 'SECRET'],
] as const

const password = (user: string) => `${user} has a long passphrase`

/**
 * The operator's path in Chromium against a real `cable serve` with logins: compose with live lint, clear as
 * another user, approve, release, and the addressee's inbox receiving it live; an uncleared reader sees
 * nothing of it; login failure and an ended session.
 */
// real browser and server processes on a shared 2-core machine: generous timeouts, no sleeps
describe.skipIf(unavailable !== null)('web cable desk in Chromium', { timeout: 240_000 }, () => {
  let dir: ReturnType<typeof tempDir>
  let db: string
  let server: RunningServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  const errors: string[][] = []

  beforeAll(async () => {
    dir = tempDir('desk')
    db = join(dir.path, 'desk.db')
    await cable(['directory', 'init', '--db', db])
    await cable(['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin', '--clearance', 'SECRET', '--db', db])
    for (const [name, post, role, clearance] of USERS) await cable(['user', 'add', name, '--post', post, '--roles', role, '--clearance', clearance, '--as', 'root', '--db', db])
    // each user sets his own (a password an admin sets must be changed at the first login)
    for (const name of ['root', ...USERS.map((u) => u[0])]) await cable(['user', 'passwd', name, '--as', name, '--db', db], {}, password(name) + '\n')
    server = await serve(db)
    browser = await launchBrowser()
  }, 300_000)

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await server?.stop()
    dir?.remove()
  })

  /** A browser of its own (cookies apart) for one user, logged in through the form. */
  async function loggedIn(user: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } })
    contexts.push(context)
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    errors.push(pageErrors(page))
    await page.goto(`${server.url}/#/desk`)
    await page.getByLabel('User name').fill(user)
    await page.getByLabel('Password').fill(password(user))
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByTestId('who').filter({ hasText: user }).waitFor()
    return page
  }

  it('refuses a wrong password with a message, and logs in with the right one', async () => {
    const context = await browser.newContext()
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${server.url}/#/desk`)
    await page.getByRole('heading', { name: 'Log in' }).waitFor()
    await screenshot(page, 'desk-login')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('User name').fill('dora')
    await page.getByLabel('Password').fill('not her password')
    await page.getByRole('button', { name: 'Log in' }).click()
    expect(await page.getByRole('alert').textContent()).toBe('Wrong user name or password.')
    await page.getByLabel('Password').fill(password('dora'))
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: /Inbox/ }).waitFor()
    // the archive needs the login too, and works with it
    await page.goto(`${server.url}/#/search`)
    await page.getByTestId('total').waitFor()
  })

  it('composes with live lint at the field, clears as another user, approves, releases; the addressee sees it arrive live, an uncleared reader never does', async () => {
    const dora = await loggedIn('dora')
    await dora.getByTestId('live').filter({ hasText: 'live' }).waitFor()
    expect(await dora.getByTestId('inbox-row').count()).toBe(0)
    const uma = await loggedIn('uma')
    await uma.getByTestId('live').filter({ hasText: 'live' }).waitFor()
    const ivan = await loggedIn('ivan')
    await ivan.getByTestId('live').filter({ hasText: 'live' }).waitFor()

    // compose: a CONFIDENTIAL cable without its Classified-by line is a lint error, shown at the classification
    const dana = await loggedIn('dana')
    await dana.getByRole('link', { name: 'Compose' }).click()
    // offered only up to her clearance (SECRET), never TOP SECRET
    expect(await dana.getByLabel('Classification', { exact: true }).locator('option').allTextContents()).toEqual(['UNCLASSIFIED', 'SBU', 'CONFIDENTIAL', 'SECRET'])
    await dana.getByLabel('Precedence (action)').selectOption('IMMEDIATE')
    // the banner is the draft's own classification as the archive labels it: SENSITIVE unclassified text is FOUO
    await dana.getByLabel('SENSITIVE', { exact: true }).check()
    await expect.poll(() => dana.getByTestId('banner-top').textContent()).toBe('UNCLASSIFIED//FOR OFFICIAL USE ONLY')
    await dana.getByLabel('SENSITIVE', { exact: true }).uncheck()
    await dana.getByLabel('Classification', { exact: true }).selectOption('CONFIDENTIAL')
    await expect.poll(() => dana.getByTestId('banner-top').textContent()).toBe('CONFIDENTIAL')
    await dana.getByRole('combobox', { name: 'TO (action)' }).fill('AMEMBASSY DUSHANBE')
    await dana.keyboard.press('Enter')
    // INFO: typing filters the directory's posts and collectives; arrow down and Enter picks the suggestion
    await dana.getByRole('combobox', { name: 'INFO' }).fill('south central')
    const suggestions = dana.getByRole('listbox', { name: 'INFO addressee: suggestions' })
    expect(await suggestions.getByRole('option').allTextContents()).toEqual([expect.stringMatching(/^ALL SOUTH AND CENTRAL ASIA COLLECTIVE collective, \d+ posts$/)])
    await dana.keyboard.press('ArrowDown')
    await dana.keyboard.press('Enter')
    await dana.getByTestId('info-addressee').filter({ hasText: 'ALL SOUTH AND CENTRAL ASIA COLLECTIVE' }).waitFor()
    await dana.getByLabel('Precedence for INFO ALL SOUTH AND CENTRAL ASIA COLLECTIVE').selectOption('ROUTINE')
    // XMT: exclude Kabul, found by filtering the collective's members
    await dana.getByText(/^XMT: none excluded/).click()
    await dana.getByLabel('Filter members of ALL SOUTH AND CENTRAL ASIA COLLECTIVE').fill('kabul')
    await dana.getByLabel('exclude AMEMBASSY KABUL').check()
    await dana.getByText('XMT: 1 excluded (AMEMBASSY KABUL)', { exact: false }).waitFor()
    await dana.getByRole('combobox', { name: 'TAGS' }).fill('PREL')
    await dana.keyboard.press('Enter')
    await dana.getByRole('combobox', { name: 'TAGS' }).fill('TI')
    await dana.keyboard.press('Enter')
    await dana.getByLabel('Subject mark').selectOption('C')
    await dana.getByLabel('Subject', { exact: true }).fill('BORDER GUARD TALKS')
    await dana.getByLabel(/declassify/).fill('2036-12-01')
    await dana.getByLabel('Paragraph 1 mark').selectOption('C')
    await dana.getByLabel('Paragraph 1', { exact: true }).fill('The talks on the border guard cohort went well.')
    await dana.getByLabel('Signature (surname)').fill('DRAFTER')
    // clearers are typed; the server's refusal is shown at the name it concerns
    await dana.getByLabel(/Clearers/).fill('dora')
    await dana.keyboard.press('Enter')
    await dana.getByTestId('clearer').filter({ hasText: 'clearers[0]: dora does not hold the clearer role' }).waitFor()
    await dana.getByRole('button', { name: 'Remove clearer dora' }).click()
    await dana.getByLabel(/Clearers/).fill('carl')
    await dana.keyboard.press('Enter')
    const classification = dana.locator('[data-field=classification] .field-findings')
    await classification.filter({ hasText: 'TXT-013' }).waitFor()
    expect(await dana.getByLabel('Classification', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await dana.getByTestId('compose-status').textContent()).toMatch(/1 lint error/)
    await screenshot(dana, 'desk-compose-lint')
    expect(await seriousViolations(dana)).toEqual([])
    // fix it: the finding goes away as you type
    await dana.getByLabel(/Classified by/).fill('Dana Drafter, Office Director, for reasons 1.4(b) and (d)')
    await dana.getByTestId('compose-status').filter({ hasText: 'no lint errors' }).waitFor()
    expect(await classification.count()).toBe(0)
    expect(await dana.getByTestId('clearer').textContent()).toBe('carlRemove')
    // a TO line left at its default shows what the server resolved: the action precedence
    expect(await dana.getByLabel('Precedence for TO AMEMBASSY DUSHANBE').locator('option').first().textContent()).toBe('default (IMMEDIATE)')
    const preview = (await dana.getByTestId('preview').textContent())!
    expect(preview).toMatch(/^INFO .*ALL SOUTH AND CENTRAL ASIA COLLECTIVE ROUTINE$/m)
    expect(preview).toMatch(/^XMT AMEMBASSY KABUL$/m)
    const draftId = /#\/desk\/compose\/(\d+)/.exec(dana.url())![1]

    // clear as carl, approve and release as abe
    const carl = await loggedIn('carl')
    await carl.getByRole('link', { name: 'Drafts and queues' }).click()
    await carl.getByRole('button', { name: `Clear draft ${draftId}` }).click()
    await carl.getByText('Draft cleared.').waitFor()
    const abe = await loggedIn('abe')
    await abe.getByRole('link', { name: 'Drafts and queues' }).click()
    await abe.getByRole('button', { name: `Approve draft ${draftId}` }).click()
    await abe.getByRole('button', { name: `Release draft ${draftId}` }).click()
    const mrn = (await abe.getByTestId('mrn').textContent())!
    expect(mrn).toMatch(/STATE/)
    expect(await abe.getByTestId('dtg').textContent()).toMatch(/\d{6}Z [A-Z]{3} \d{2}/)
    await screenshot(abe, 'desk-released')
    expect(await seriousViolations(abe)).toEqual([])
    const cableId = (await abe.getByRole('heading', { name: /^Released / }).textContent())!.replace('Released ', '')
    const deliveries = (await abe.getByRole('status', { name: 'Released' }).textContent())!
    // Dushanbe is also in the collective: action and its precedence win
    expect(deliveries).toContain('AMEMBASSY DUSHANBE (action, IMMEDIATE)')
    expect(deliveries).toContain('AMEMBASSY ASTANA (info, ROUTINE)')
    expect(deliveries).not.toContain('KABUL')

    // ivan's post gets it for info, ROUTINE
    const infoRow = ivan.getByTestId('inbox-row').filter({ hasText: cableId })
    await infoRow.waitFor({ timeout: 30_000 })
    expect(await infoRow.locator('td').allTextContents()).toEqual(expect.arrayContaining(['ROUTINE', 'info']))

    // dora's inbox receives it without a reload, as action IMMEDIATE
    const row = dora.getByTestId('inbox-row').filter({ hasText: cableId })
    await row.waitFor({ timeout: 30_000 })
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['IMMEDIATE', 'action']))
    expect(await row.textContent()).toContain('unacknowledged')
    // each row says its classification, and the banner is the highest of the rows (not the reader's clearance)
    expect(await row.getByTestId('inbox-class').textContent()).toBe('CONFIDENTIAL')
    expect(await dora.getByTestId('banner-top').textContent()).toBe('CONFIDENTIAL')
    await screenshot(dora, 'desk-inbox')
    expect(await seriousViolations(dora)).toEqual([])
    await row.getByRole('link', { name: cableId }).click()
    await dora.getByText('The talks on the border guard cohort went well.', { exact: false }).waitFor()
    expect(await dora.getByTestId('banner-top').textContent()).toBe('CONFIDENTIAL')
    await dora.getByRole('button', { name: 'Acknowledge' }).click()
    await dora.getByText(/Acknowledged by dora/).waitFor()
    await screenshot(dora, 'desk-read')
    expect(await seriousViolations(dora)).toEqual([])

    // uma, same post but cleared only UNCLASSIFIED: no row, no count, no cable, not in the archive's search
    await uma.reload()
    await uma.getByTestId('live').filter({ hasText: 'live' }).waitFor()
    expect(await uma.getByTestId('inbox-row').count()).toBe(0)
    expect(await uma.getByText('Nothing delivered to your post.').count()).toBe(1)
    await uma.goto(`${server.url}/#/desk/read/${cableId}`)
    await uma.getByRole('alert').waitFor()
    expect(await uma.getByRole('alert').textContent()).toBe(`No cable ${cableId} for your post.`)
    await uma.goto(`${server.url}/#/search?q=border`)
    await uma.getByTestId('total').waitFor()
    expect(await uma.getByTestId('total').textContent()).toMatch(/^0 cables/)
    expect(await uma.content()).not.toContain('BORDER GUARD TALKS')
    // dora, cleared, finds it in the archive with the same query
    await dora.goto(`${server.url}/#/search?q=border`)
    await dora.getByTestId('total').filter({ hasText: /^1 cable/ }).waitFor()
    expect(errors.flat()).toEqual([])
  })

  it('shows the audit log to an administrator', async () => {
    const root = await loggedIn('root')
    await root.getByRole('link', { name: 'Audit' }).click()
    await root.getByRole('heading', { name: 'Audit log' }).waitFor()
    await expect.poll(() => root.locator('table.audit tbody tr').count()).toBeGreaterThan(5)
    expect(await root.locator('table.audit').textContent()).toContain('release')
    await screenshot(root, 'desk-audit')
    expect(await seriousViolations(root)).toEqual([])
  })

  it('asks for a new login when the session ends (password changed by an administrator)', async () => {
    const dora = await loggedIn('dora')
    await dora.getByTestId('live').filter({ hasText: 'live' }).waitFor()
    await cable(['user', 'passwd', 'dora', '--as', 'root', '--db', db], {}, 'a new passphrase for dora\n')
    await dora.getByRole('link', { name: 'Drafts and queues' }).click()
    await dora.getByText('Your session has expired or was ended. Log in again to continue.').waitFor()
    await dora.getByRole('heading', { name: 'Log in' }).waitFor()
    await dora.getByLabel('User name').fill('dora')
    await dora.getByLabel('Password', { exact: true }).fill('a new passphrase for dora')
    await dora.getByRole('button', { name: 'Log in' }).click()
    // the administrator's password is temporary: dora chooses her own before the desk opens
    await dora.getByText(/set by an administrator and must be changed/).waitFor()
    await dora.getByLabel('New password').fill('dora chose this passphrase')
    await dora.getByRole('button', { name: 'Log in' }).click()
    await dora.getByRole('heading', { name: 'Drafts and queues' }).waitFor()
  })
})
