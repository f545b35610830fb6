import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { BASE_CABLE, mutate } from '../../src/lint/examples/base-cable.js'
import { cable } from './lint-harness.js'

const work = mkdtempSync(join(tmpdir(), 'cable-lint-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))

function file(name: string, text: string): string {
  const path = join(work, name)
  writeFileSync(path, text)
  return path
}

const clean = file('09STATE12345.txt', BASE_CABLE)
const tagSlip = mutate([['[ECON](#)', '[econ](#)']])
const broken = file('broken.txt', mutate([['¶2. (U) Background.', '¶2. (S) Background.'], ['[ECON](#)', '[econ](#)']]))

describe('cable lint FILE…', () => {
  it('should exit 0 with a summary line on a clean cable', async () => {
    const r = await cable(['lint', clean])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('0 problems (0 errors, 0 warnings, 0 info) in 1 file\n')
  })

  it('should print file:line:col, severity, rule, the source line and a caret under the span, and exit 1 on errors', async () => {
    const r = await cable(['lint', broken])
    expect(r.code).toBe(1)
    const lines = r.stdout.split('\n')
    const at = lines.findIndex((l) => l.startsWith(`${broken}:27:5: error TXT-017 `))
    expect(at).toBeGreaterThan(-1)
    expect(lines[at + 1]).toBe('  ¶2. (S) Background.')
    expect(lines[at + 2]).toBe('      ^^^')
    expect(r.stdout).toContain(`${broken}:18:18: warning TXT-010 Unexpected TAG \`econ\`, expected \`ECON\``)
    expect(lines.at(-2)).toMatch(/^\d+ problems \(1 error, \d+ warnings?, 0 info\) in 1 file$/)
    expect(r.stdout).not.toContain('\u001b[')
  })

  it('should colour the output on a terminal only', async () => {
    expect((await cable(['lint', broken], { tty: true })).stdout).toContain('\u001b[')
    expect((await cable(['lint', '--no-color', broken], { tty: true })).stdout).not.toContain('\u001b[')
  })

  it('should read standard input for -', async () => {
    const r = await cable(['lint', '-'], { stdin: tagSlip })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('-:18:18: warning TXT-010')
  })

  it('should give JSON with rule ids, spans and fixes', async () => {
    const r = await cable(['lint', '--format', 'json', broken, clean])
    const out = JSON.parse(r.stdout)
    expect(out.map((f: { file: string }) => f.file)).toEqual([broken, clean])
    expect(out[0].errorCount).toBe(1)
    const tag = out[0].messages.find((m: { ruleId: string }) => m.ruleId === 'TXT-010')
    expect(tag).toMatchObject({ severity: 'warning', span: { start: { line: 18, column: 18 } }, fix: { text: 'ECON' } })
  })

  it('should give SARIF 2.1.0 with every rule and located results', async () => {
    const r = await cable(['lint', '--format', 'sarif', broken])
    const log = JSON.parse(r.stdout)
    expect(log.version).toBe('2.1.0')
    const run = log.runs[0]
    expect(run.tool.driver.rules).toHaveLength(52)
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'TXT-017')
    expect(result.level).toBe('error')
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('TXT-017')
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: broken },
      region: { startLine: 27, startColumn: 5, endLine: 27, endColumn: 8, charOffset: expect.any(Number), charLength: 3 },
    })
    const fix = run.results.find((x: { ruleId: string }) => x.ruleId === 'TXT-010').fixes[0]
    expect(fix.artifactChanges[0].replacements[0].insertedContent.text).toBe('ECON')
  })

  it('should switch modes: TXT-022 (55-column lines) runs in compose mode only', async () => {
    const long = file('long.txt', mutate([['¶2. (U) Background.', '¶2. (U) Background of the matter, as discussed at length.']]))
    expect((await cable(['lint', long])).stdout).toContain('TXT-022')
    expect((await cable(['lint', '--mode', 'archive', long])).stdout).not.toContain('TXT-022')
  })
})

describe('cable lint across files', () => {
  it('should report ID-003 when two files on one command line hold the same cable', async () => {
    const twin = file('twin.txt', BASE_CABLE)
    const r = await cable(['lint', clean, twin])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`${twin}:13:1: error ID-003 Canonical id 09STATE12345 already used by ${clean}`)
  })
})

describe('cable lint, the real binary (smoke; needs `npm run build`)', () => {
  const bin = fileURLToPath(new URL('../../bin/cable.js', import.meta.url))
  const built = existsSync(fileURLToPath(new URL('../../dist/src/cli/commands/lint.js', import.meta.url)))
  it.skipIf(!built)('should exit 1 and print the summary for a mis-marked cable', () => {
    const run = spawnSync(process.execPath, [bin, 'lint', broken], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('error TXT-017')
    expect(run.stdout).toMatch(/problems \(1 error/)
  })
})

describe('cable lint configuration', () => {
  it('should take levels from --rule flags', async () => {
    const r = await cable(['lint', '--rule', 'TXT-017=warning', '--rule', 'txt-010=off', broken])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('warning TXT-017')
    expect(r.stdout).not.toContain('TXT-010')
  })

  it('should read the nearest .cablelintrc.json (mode and rule levels)', async () => {
    const dir = join(fixtures, 'strict')
    const r = await cable(['lint', join(work, 'broken.txt')], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('error TXT-010')
  })

  it('should exit 2 on an unknown rule id in flags or config, naming it', async () => {
    const flag = await cable(['lint', '--rule', 'TXT-099=off', clean])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain('unknown rule id `TXT-099`')
    const config = await cable(['lint', clean], { cwd: join(fixtures, 'bad-id') })
    expect(config.code).toBe(2)
    expect(config.stderr).toContain('TXT-999')
    const level = await cable(['lint', '--rule', 'TXT-010=loud', clean])
    expect(level.code).toBe(2)
  })

  it('should exit 2 on a missing file, a bad format or a bad mode', async () => {
    expect((await cable(['lint', join(work, 'nope.txt')])).code).toBe(2)
    expect((await cable(['lint', '--format', 'xml', clean])).code).toBe(2)
    expect((await cable(['lint', '--mode', 'strict', clean])).code).toBe(2)
    expect((await cable(['lint', '--dry-run', clean])).code).toBe(2)
  })
})

describe('cable lint --fix', () => {
  it('should rewrite the file with the safe fixes only and report what remains', async () => {
    const path = file('fixme.txt', mutate([['[ECON](#)', '[econ](#) [PREL](#)'], ['¶2. (U) Background.', '¶2. (S) Background.']]))
    const r = await cable(['lint', '--fix', path])
    expect(readFileSync(path, 'utf8')).toBe(mutate([['¶2. (U) Background.', '¶2. (S) Background.']]))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('TXT-017')
    expect(r.stdout).not.toContain('TXT-010')
  })

  it('should print a unified diff and leave the file alone with --dry-run', async () => {
    const before = mutate([['[ECON](#)', '[econ](#)']])
    const path = file('dry.txt', before)
    const r = await cable(['lint', '--fix', '--dry-run', path])
    expect(readFileSync(path, 'utf8')).toBe(before)
    const name = path.replace(/^\/+/, '')
    expect(r.stdout).toBe(
      [`--- a/${name}`, `+++ b/${name}`, '@@ -15,7 +15,7 @@', ' SIPDIS', ' ', ' E.O. 12958: DECL: 02/13/2019',
        '-TAGS: [PREL](#) [econ](#) [FR](#) [UK](#)', '+TAGS: [PREL](#) [ECON](#) [FR](#) [UK](#)',
        ' SUBJECT: (C) DEMARCHE ON FISHERIES QUOTAS', ' ', ' REF: A. STATE 1111 B. PARIS 222', ''].join('\n'),
    )
    expect(r.stderr).toContain('0 problems')
  })

  it('should write the fixed text of standard input to standard output', async () => {
    const r = await cable(['lint', '--fix', '-'], { stdin: tagSlip })
    expect(r.stdout).toBe(BASE_CABLE)
    expect(r.code).toBe(0)
  })
})

describe('cable lint --stats DIR…', () => {
  const dir = join(work, 'corpus')
  mkdirSync(join(dir, 'sub'), { recursive: true })
  writeFileSync(join(dir, '09STATE12345.txt'), BASE_CABLE)
  writeFileSync(join(dir, 'sub', '09STATE12346.txt'), mutate([['STATE 012345', 'STATE 012346'], ['#2345/01', '#2346/01'], ['00012345', '00012346'], ['¶2. (U) Background.', '¶2. Background.']]))
  writeFileSync(join(dir, 'notes.md'), 'not a cable')

  it('should count cables per rule, by year and by classification, as a table', async () => {
    const r = await cable(['lint', '--stats', dir])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^2 cables, /)
    expect(r.stdout).toMatch(/archive mode: 1 with errors \(50\.0%\)/)
    expect(r.stdout).toMatch(/\nTXT-016 +error +1 +50\.0% +1 +In a classified/)
    expect(r.stdout).toMatch(/\n2009 +2 +50\.0%/)
    expect(r.stdout).toMatch(/\nCONFIDENTIAL +2 +50\.0%/)
  })

  it('should give the same numbers as JSON', async () => {
    const stats = JSON.parse((await cable(['lint', '--stats', '--format', 'json', dir])).stdout)
    expect(stats.cables).toBe(2)
    expect(stats.rules.find((x: { id: string }) => x.id === 'TXT-016')).toMatchObject({ cables: 1, hits: 1, rate: 0.5 })
    expect(stats.byClassification.CONFIDENTIAL).toEqual({ cables: 2, hit: { 'TXT-016': 1 } })
    expect(stats.byYear['2009'].cables).toBe(2)
  })

  it('should exit 2 when a path is not a directory', async () => {
    expect((await cable(['lint', '--stats', clean])).code).toBe(2)
  })
})

describe('cable lint --stats with a damaged directory', () => {
  it('should list a dangling link as unreadable and exit 2 without crashing', async () => {
    const dir = join(work, 'damaged')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, '09STATE12345.txt'), BASE_CABLE)
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'))
    const r = await cable(['lint', '--stats', dir])
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/^1 cables, /)
    expect(r.stdout).toContain(`Unreadable: ${join(dir, 'dangling.txt')} (ENOENT)`)
  })
})
