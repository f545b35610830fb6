import { dirname, join, resolve } from 'node:path'
import { ruleById } from './rules/index.js'
import type { LintConfig, Mode, RuleLevel } from './types.js'

/** A configuration problem: unknown rule id, bad level, unreadable or malformed file. The CLI exits 2. */
export class LintConfigError extends Error {}

const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'off']
const MODES: readonly Mode[] = ['compose', 'archive']
export const CONFIG_FILE = '.cablelintrc.json'

function checkLevel(id: string, level: unknown, where: string): RuleLevel {
  if (!ruleById.has(id)) {
    const near = [...ruleById.keys()].filter((k) => k.startsWith(id.split('-')[0] ?? '')).slice(0, 3)
    throw new LintConfigError(`${where}: unknown rule id \`${id}\`${near.length ? ` (rule ids look like ${near.join(', ')})` : ''}`)
  }
  if (typeof level !== 'string' || !LEVELS.includes(level as RuleLevel)) {
    throw new LintConfigError(`${where}: rule ${id}: unexpected level ${JSON.stringify(level)}, expected one of ${LEVELS.join(', ')}`)
  }
  return level as RuleLevel
}

/**
 * Checks a parsed configuration object; unknown keys and rule ids are errors, not ignored.
 *
 * @example
 *   validateConfig({ mode: 'archive', rules: { 'TXT-022': 'off' } }, '.cablelintrc.json')
 */
export function validateConfig(value: unknown, where: string): LintConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LintConfigError(`${where}: expected a JSON object`)
  const config: LintConfig = {}
  for (const [key, v] of Object.entries(value)) {
    if (key === 'mode') {
      if (!MODES.includes(v as Mode)) throw new LintConfigError(`${where}: unexpected mode ${JSON.stringify(v)}, expected compose or archive`)
      config.mode = v as Mode
    } else if (key === 'rules') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new LintConfigError(`${where}: "rules" must be an object of rule id → level`)
      config.rules = {}
      for (const [id, level] of Object.entries(v)) config.rules[id] = checkLevel(id, level, where)
    } else if (key !== '$schema') {
      throw new LintConfigError(`${where}: unknown key "${key}" (expected "mode" and "rules")`)
    }
  }
  return config
}

/**
 * Parses a `--rule ID=level` flag value; unknown ids and levels throw `LintConfigError`.
 *
 * @example
 *   parseRuleFlag('txt-022=off') // ['TXT-022', 'off']
 */
export function parseRuleFlag(flag: string): [string, RuleLevel] {
  const m = /^([A-Za-z]+-\d+)\s*[=:]\s*(\w+)$/.exec(flag.trim())
  if (!m) throw new LintConfigError(`--rule ${flag}: expected ID=level, e.g. TXT-022=off`)
  const id = m[1].toUpperCase()
  return [id, checkLevel(id, m[2], `--rule ${flag}`)]
}

/**
 * Reads the configuration: `path` when given, else the nearest `.cablelintrc.json` from `cwd` upwards.
 * Returns an empty configuration when there is none.
 *
 * @example
 *   const { config } = loadConfig((p) => readFileSync(p, 'utf8'), process.cwd())
 */
export function loadConfig(readFile: (path: string) => string, cwd: string, path?: string): { config: LintConfig; path: string | null } {
  const candidates: string[] = []
  if (path) candidates.push(resolve(cwd, path))
  else for (let dir = cwd; ; dir = dirname(dir)) {
    candidates.push(join(dir, CONFIG_FILE))
    if (dirname(dir) === dir) break
  }
  for (const file of candidates) {
    let raw: string
    try {
      raw = readFile(file)
    } catch (error) {
      if (path) throw new LintConfigError(`${path}: cannot read configuration (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
      continue
    }
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch (error) {
      throw new LintConfigError(`${file}: invalid JSON (${(error as Error).message})`)
    }
    return { config: validateConfig(json, file), path: file }
  }
  return { config: {}, path: null }
}
