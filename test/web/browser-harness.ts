import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'

/**
 * What the browser tests share: Debian's Chromium driven by playwright-core, a real `cable serve` on a free
 * port over a temporary database, screenshots in test-results/web/ (git-ignored), and an axe-core check.
 */

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const CHROMIUM = process.env.CABLEGRAM_CHROMIUM ?? '/usr/bin/chromium'
export const SCREENSHOTS = join(ROOT, 'test-results', 'web')
const CLI = join(ROOT, 'bin', 'cable.js')
const BUILT_UI = join(ROOT, 'dist', 'web', 'index.html')

/**
 * Why the browser suites cannot run here, or null when they can. Outside CI a missing Chromium or an unbuilt
 * UI skips them with this message; in CI (CI=true) it is a failure, since .ci/run installs both.
 */
export function browserUnavailable(): string | null {
  const missing = !existsSync(CHROMIUM)
    ? `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`
    : !existsSync(BUILT_UI)
      ? `the web app is not built (${BUILT_UI}; npm run build)`
      : null
  if (missing && process.env.CI === 'true') throw new Error(`browser tests cannot run in CI: ${missing}`)
  return missing
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `cablegram-web-${prefix}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/**
 * Runs the `cable` command to completion (with `input` on its stdin) and resolves with its stdout; rejects
 * with stderr on failure. Asynchronous, so the test worker's event loop keeps answering vitest meanwhile.
 */
export function cable(args: string[], env: Record<string, string> = {}, input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`cable ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    )
    child.stdin?.end(input)
  })
}

export interface RunningServer {
  url: string
  stop(): Promise<void>
  /** The request log lines written so far (stderr). */
  log(): string
}

/** Starts `cable serve --port 0` on `db` and resolves with its URL once it prints it. */
export function serve(db: string, extra: string[] = [], env: Record<string, string> = {}): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0', ...extra], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`cable serve did not start in 30 s:\n${out}\n${err}`)), 30_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`cable serve exited with ${code}:\n${out}\n${err}`))
    })
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /(http:\/\/[\d.]+:\d+)\//.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolvePromise({
        url: m[1],
        log: () => err,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

/** Saves a full-page screenshot of the current screen as test-results/web/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const path = join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

/** axe-core's serious and critical violations on the current screen, as readable lines (empty when none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)
}

/** Collects uncaught page errors, so a test can assert the app threw none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

/** What `publicArchiveSession` hands a suite once its `beforeAll` ran. */
export interface ArchiveSession {
  dir: { path: string; remove: () => void }
  server: RunningServer
  browser: Browser
  page: Page
  /** Uncaught page errors so far. */
  errors: string[]
}

/**
 * Registers the `beforeAll`/`afterAll` pair of a suite that reads one archive in Chromium through a real
 * `cable serve --public`: a temporary folder, the archive `fill` writes into `db` (with the `cable` command),
 * the server, a browser and one page (`viewport`, `timeout` ms per action, downloads accepted). The returned
 * object is filled in by `beforeAll`; everything is stopped and removed by `afterAll`.
 */
export function publicArchiveSession(options: {
  prefix: string
  fill: (db: string, dir: string) => Promise<void>
  viewport: { width: number; height: number }
  timeout: number
  setupTimeout: number
}): ArchiveSession {
  const session = {} as ArchiveSession
  beforeAll(async () => {
    session.dir = tempDir(options.prefix)
    const db = join(session.dir.path, 'archive.db')
    await options.fill(db, session.dir.path)
    session.server = await serve(db, ['--public'])
    session.browser = await launchBrowser()
    session.page = await (await session.browser.newContext({ viewport: options.viewport, acceptDownloads: true })).newPage()
    session.page.setDefaultTimeout(options.timeout)
    session.errors = pageErrors(session.page)
  }, options.setupTimeout)
  afterAll(async () => {
    await session.browser?.close()
    await session.server?.stop()
    session.dir?.remove()
  })
  return session
}
