import { BASE_CABLE, mutate } from '../examples/base-cable.js'
import { LineIndex } from '../../format/span.js'
import { formatSpan } from '../format-span.js'
import { lintText } from '../lint-cable.js'
import { rules } from '../rules/index.js'
import type { Rule, RuleExample } from '../types.js'

/** The lines an example changes in the base cable: what a reader needs to see. */
function changedLines(example: RuleExample): { lines: string[]; removed: boolean } {
  const before = BASE_CABLE.split('\n')
  const after = mutate(example.edits).split('\n')
  let pre = 0
  while (pre < before.length && pre < after.length && before[pre] === after[pre]) pre++
  let suf = 0
  while (suf < before.length - pre && suf < after.length - pre && before[before.length - 1 - suf] === after[after.length - 1 - suf]) suf++
  const added = after.slice(pre, after.length - suf)
  return added.length > 0 ? { lines: added, removed: false } : { lines: before.slice(pre, before.length - suf), removed: true }
}

function context(example: RuleExample): string {
  const notes = [`${example.mode ?? 'archive'} mode`]
  if (example.claimedId) notes.push(`archive id \`${example.claimedId}\``)
  if (example.corpus?.length) notes.push(`after \`${example.corpus.join('`, `')}\` in the same run`)
  return notes.join(', ')
}

function exampleBlock(rule: Rule, kind: 'fail' | 'pass'): string {
  const example = rule.examples[kind]
  const title = kind === 'fail' ? 'Fails' : 'Passes'
  let out = ''
  if (example.edits.length === 0) out += `${title} (${context(example)}) on the base cable as it is.\n`
  else {
    const { lines, removed } = changedLines(example)
    out += `${title} (${context(example)}) with ${removed ? 'these base-cable lines removed' : 'these lines in the base cable'}:\n\n\`\`\`text\n${lines.join('\n')}\n\`\`\`\n`
  }
  if (kind === 'fail') {
    const text = mutate(example.edits)
    const corpus = example.corpus ? { ids: new Map(example.corpus.map((id) => [id, 'earlier.txt'])) } : undefined
    const hit = lintText(text, { mode: example.mode ?? 'archive', claimedId: example.claimedId, corpus }).find((m) => m.ruleId === rule.id && formatSpan(m.span) === example.span)
    if (hit) {
      const line = new LineIndex(text).lineText(hit.span.start.line)
      const width = hit.span.end.line === hit.span.start.line ? Math.max(1, hit.span.end.column - hit.span.start.column) : 1
      out += `\n\`\`\`text\n${formatSpan(hit.span)}: ${hit.severity} ${rule.id} ${hit.message}\n  ${line}\n  ${' '.repeat(hit.span.start.column - 1)}${'^'.repeat(width)}\n\`\`\`\n`
    }
  }
  return out
}

/**
 * docs/rules.md, generated from the rule definitions; a test regenerates it and fails when the file is stale.
 *
 * @example
 *   writeFileSync('docs/rules.md', renderRulesDoc())
 */
export function renderRulesDoc(): string {
  const head = [
    '# `cable lint` rules',
    '',
    '<!-- Generated from src/lint/rules/*.ts by `npm run docs:rules`; do not edit by hand. -->',
    '',
    `${rules.length} rules from spec §9. Levels are per mode: \`compose\` (strict, for drafts: errors block release) and`,
    '`archive` (tolerant, for released cables). `off` means the rule does not run in that mode. Configuration',
    '(`.cablelintrc.json`, `--rule ID=level`) overrides the level; see [lint.md](lint.md).',
    '',
    'Examples are edits of one synthetic CONFIDENTIAL cable (below) that passes every rule in both modes; each',
    'failing example shows the exact message position (`line:column-line:column`, end exclusive) the tests assert.',
    '',
    '| id | compose | archive | fix | statement |',
    '|---|---|---|---|---|',
    ...rules.map((r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.level.compose} | ${r.level.archive} | ${r.fixable ? 'yes' : ''} | ${r.summary.replace(/\|/g, '\\|')} |`),
    '',
    '## The base cable',
    '',
    '```text',
    BASE_CABLE,
    '```',
    '',
  ]
  const body = rules.map((r) =>
    [
      `## ${r.id}`,
      '',
      `**${r.summary}.**`,
      '',
      `Level: compose \`${r.level.compose}\`, archive \`${r.level.archive}\`. Fixable: ${r.fixable ? 'yes (`--fix`)' : 'no'}. Source: ${r.source}.`,
      '',
      r.rationale,
      '',
      exampleBlock(r, 'fail'),
      exampleBlock(r, 'pass'),
    ].join('\n'),
  )
  return `${head.join('\n')}\n${body.join('\n')}`
}
