import { rules } from '../rules/index.js'
import type { LintMessage, Mode, RuleLevel } from '../types.js'
import type { FileReport } from './pretty.js'

const SARIF_LEVEL: Record<RuleLevel, string> = { error: 'error', warning: 'warning', info: 'note', off: 'none' }
const anchor = (id: string) => `docs/rules.md#${id.toLowerCase()}`

function result(file: string, m: LintMessage, ruleIndex: number) {
  const region = {
    startLine: m.span.start.line,
    startColumn: m.span.start.column,
    endLine: m.span.end.line,
    endColumn: m.span.end.column,
    charOffset: m.span.start.offset,
    charLength: m.span.end.offset - m.span.start.offset,
  }
  return {
    ruleId: m.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[m.severity],
    message: { text: m.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: file }, region } }],
    ...(m.fix
      ? {
          fixes: [
            {
              description: { text: `Replace with ${JSON.stringify(m.fix.text)}` },
              artifactChanges: [
                { artifactLocation: { uri: file }, replacements: [{ deletedRegion: { charOffset: m.fix.start, charLength: m.fix.end - m.fix.start }, insertedContent: { text: m.fix.text } }] },
              ],
            },
          ],
        }
      : {}),
  }
}

/**
 * SARIF 2.1.0 log with one run: every rule in `tool.driver.rules` (statement, rationale, default level for
 * the mode), every message as a result with its region and, where there is one, its fix.
 *
 * @example
 *   io.stdout.write(formatSarif(reports, 'compose'))
 */
export function formatSarif(reports: readonly FileReport[], mode: Mode): string {
  const indexOf = new Map(rules.map((r, i) => [r.id, i]))
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cable lint',
            version: '0.1.0',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              fullDescription: { text: r.rationale },
              helpUri: anchor(r.id),
              help: { text: `${r.summary}. Source: ${r.source}.` },
              defaultConfiguration: { level: SARIF_LEVEL[r.level[mode]], enabled: r.level[mode] !== 'off' },
              properties: { source: r.source, fixable: r.fixable },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        artifacts: reports.map((r) => ({ location: { uri: r.file } })),
        results: reports.flatMap((r) => r.messages.map((m) => result(r.file, m, indexOf.get(m.ruleId) ?? -1))),
        properties: { mode },
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
