import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserUnavailable, cable, launchBrowser, pageErrors, serve, tempDir, type RunningServer } from './browser-harness.js'
import { writeReleases } from './research-fixtures.js'

const unavailable = browserUnavailable()
if (unavailable) console.warn(`skipping the read-in-part browser tests: ${unavailable}`)

const PASSWORD = 'cora has a long passphrase'

/**
 * QA 10 F2 in Chromium: a reader who may read a cable only in part (portion-level access on; cora, CONFIDENTIAL with
 * NOFORN, on the SECRET//NOFORN 08QUORIN40 of research-fixtures.ts) opens its Versions and Releasable tabs. Each shows
 * the API's words (the service's `ReadInPartError`): that he may read it only in part, no CLI command, and never that
 * the cable he is looking at "is not in the archive".
 */
// real browser and server processes on a shared 2-core machine: generous timeouts, no sleeps
describe.skipIf(unavailable !== null)('tabs of a cable read in part in Chromium', { timeout: 240_000 }, () => {
  let dir: ReturnType<typeof tempDir>
  let op: RunningServer
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    dir = tempDir('read-in-part')
    const releases = writeReleases(dir.path)
    const db = join(dir.path, 'operator.db')
    await cable(['directory', 'init', '--db', db])
    await cable(['user', 'add', 'root', '--post', 'SECSTATE WASHDC', '--roles', 'admin,archive-reader', '--clearance', 'SECRET', '--caveats', 'NOFORN', '--db', db])
    await cable(['user', 'add', 'cora', '--post', 'SECSTATE WASHDC', '--roles', 'reader,archive-reader', '--clearance', 'CONFIDENTIAL', '--caveats', 'NOFORN', '--db', db, '--as', 'root'])
    await cable(['user', 'passwd', 'root', '--as', 'root', '--db', db], {}, PASSWORD + '\n')
    await cable(['user', 'passwd', 'cora', '--as', 'cora', '--db', db], {}, PASSWORD + '\n')
    await cable(['import', releases.r1, '--db', db, '--as', 'root'])
    await cable(['archive-config', 'portion-access', 'on', '--db', db, '--as', 'root'])
    op = await serve(db)
    browser = await launchBrowser()
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage()
    page.setDefaultTimeout(15_000)
    errors = pageErrors(page)
    await page.goto(`${op.url}/#/desk`)
    await page.getByLabel('User name').fill('cora')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByTestId('who').filter({ hasText: 'cora' }).waitFor()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await op?.stop()
    dir?.remove()
  })

  const alert = async () => {
    const a = page.getByRole('alert').filter({ hasText: /08QUORIN40/ })
    await a.first().waitFor()
    return (await a.first().textContent()) ?? ''
  }

  it('says in the Versions tab that he may read the cable only in part, in the API’s words, with no CLI command', async () => {
    await page.goto(`${op.url}/#/cable/08QUORIN40?tab=versions`)
    const text = await alert()
    expect(text).toMatch(/you may read this cable only in part, and its versions are withheld at your clearance/)
    expect(text).not.toMatch(/`|cable show|cable redact/)
    expect(errors).toEqual([])
  })

  it('says in the Releasable tab that he may read the cable only in part, never that it is not in the archive', async () => {
    await page.goto(`${op.url}/#/cable/08QUORIN40?tab=redact`)
    const text = await alert()
    expect(text).toMatch(/you may read this cable only in part/)
    expect(text).not.toMatch(/not in the archive|`/)
    expect(errors).toEqual([])
  })
})
