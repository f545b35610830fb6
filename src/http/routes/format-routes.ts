import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { parseCable } from '../../format/parse.js'
import { publicFields } from '../../format/public-fields.js'
import { lintText } from '../../lint/index.js'
import type { HttpEnv } from '../env.js'
import { json, LintResultSchema, ParseResultSchema, problems, TextInputSchema } from '../schemas.js'
import type { ServerDeps } from '../server-deps.js'

const body = { content: { 'application/json': { schema: TextInputSchema } }, required: true }

const parse = createRoute({
  method: 'post',
  path: '/api/parse',
  tags: ['format'],
  summary: 'Parse a posted cable',
  description: 'Raw telegram text, a Cablegate HTML page or a cables.csv row → the public fields of docs/data-model.md and the parser\'s diagnostics. Nothing is stored.',
  request: { body },
  responses: { 200: json(ParseResultSchema, 'Fields and diagnostics'), ...problems(400, 401, 413, 422) },
})

const lint = createRoute({
  method: 'post',
  path: '/api/lint',
  tags: ['format'],
  summary: 'Lint a posted cable',
  description: 'The spec §9 rules in compose (strict, for drafts) or archive (tolerant) mode. Nothing is stored.',
  request: { body },
  responses: { 200: json(LintResultSchema, 'Findings with positions'), ...problems(400, 401, 413, 422) },
})

/** Parse and lint of posted text: pure functions of the body, open to every principal. */
export function registerFormatRoutes(app: OpenAPIHono<HttpEnv>, _deps: ServerDeps): void {
  app.openapi(parse, (c) => {
    const input = c.req.valid('json')
    const cable = parseCable(input.text, input.id ? { hint: { id: input.id } } : {})
    const fields = publicFields(cable)
    return c.json({ fields: fields as unknown as Record<string, unknown>, diagnostics: cable.diagnostics }, 200)
  })

  app.openapi(lint, (c) => {
    const input = c.req.valid('json')
    const messages = lintText(input.text, { mode: input.mode, claimedId: input.id }).map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.span.start.line,
      column: m.span.start.column,
      endLine: m.span.end.line,
      endColumn: m.span.end.column,
    }))
    const errors = messages.filter((m) => m.severity === 'error').length
    const warnings = messages.filter((m) => m.severity === 'warning').length
    return c.json({ errors, warnings, messages }, 200)
  })
}
