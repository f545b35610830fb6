/**
 * The readable API reference at `/api/docs`: one HTML page rendered on the server from the OpenAPI document,
 * with no script and nothing fetched from elsewhere, so it works offline and behind any proxy.
 */

interface OpenApiDoc {
  info: { title: string; version: string; description?: string }
  paths?: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, unknown> }
}

interface Operation {
  summary?: string
  description?: string
  tags?: string[]
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[]
  requestBody?: { content?: Record<string, { schema?: unknown }> }
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** A schema in one line: `$ref` names, types, enums. */
function schemaText(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return ''
  const s = schema as Record<string, unknown>
  if (typeof s['$ref'] === 'string') return (s['$ref'] as string).split('/').pop()!
  if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ')
  if (s['type'] === 'array') return `${schemaText(s['items'])}[]`
  const type = Array.isArray(s['type']) ? (s['type'] as string[]).join(' | ') : String(s['type'] ?? 'any')
  const bounds = ['minimum', 'maximum', 'maxLength', 'default'].filter((k) => s[k] !== undefined).map((k) => `${k} ${JSON.stringify(s[k])}`)
  return bounds.length ? `${type} (${bounds.join(', ')})` : type
}

function operationHtml(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : ''}</td><td><code>${escape(schemaText(p.schema))}</code></td><td>${escape(p.description ?? (p.schema as { description?: string })?.description ?? '')}</td></tr>`)
    .join('')
  const body = op.requestBody?.content
    ? Object.entries(op.requestBody.content).map(([type, c]) => `<p>Body (<code>${escape(type)}</code>): <code>${escape(schemaText(c.schema))}</code></p>`).join('')
    : ''
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => `<li><b>${status}</b> ${escape(r.description ?? '')}${r.content ? ` — ${Object.entries(r.content).map(([t, c]) => `<code>${escape(t)}</code> ${escape(schemaText(c.schema))}`).join(', ')}` : ''}</li>`)
    .join('')
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-')
  return `<section id="${id}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p><b>${escape(op.summary ?? '')}</b></p>${op.description ? `<p>${escape(op.description)}</p>` : ''}
${params ? `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Type</th><th>Description</th></tr>${params}</table>` : ''}${body}
<ul>${responses}</ul></section>`
}

/** Renders the reference page for an OpenAPI 3.1 document. */
export function docsPage(document: object): string {
  const doc = document as OpenApiDoc
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, method: m, op })))
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? 'other'))]
  const toc = tags
    .map((t) => `<li>${escape(t)}<ul>${ops.filter((o) => (o.op.tags?.[0] ?? 'other') === t).map((o) => `<li><a href="#${`${o.method}-${o.path}`.replace(/[^a-z0-9]+/gi, '-')}">${o.method.toUpperCase()} ${escape(o.path)}</a></li>`).join('')}</ul></li>`)
    .join('')
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre>${escape(JSON.stringify(s, null, 2))}</pre></section>`)
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} — API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.5rem;overflow:auto}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}.m{display:inline-block;min-width:4rem;color:#fff;padding:0 .3rem;border-radius:3px;font-size:13px}
.get{background:#2a7}.post{background:#27c}.put{background:#c82}.patch{background:#a6c}.delete{background:#c33}section{border-top:1px solid #eee}</style></head>
<body><h1>${escape(doc.info.title)} ${escape(doc.info.version)}</h1>${doc.info.description ? `<p>${escape(doc.info.description)}</p>` : ''}
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457) with a stable <code>code</code>.</p>
<nav><ul>${toc}</ul></nav><h2>Routes</h2>${ops.map((o) => operationHtml(o.method, o.path, o.op)).join('')}<h2>Schemas</h2>${schemas}</body></html>`
}
