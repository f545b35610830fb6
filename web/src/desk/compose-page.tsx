import { useEffect, useRef, useState } from 'preact/hooks'
import { LEVEL_RANK, RESTRICTIVE_CAVEATS, overallClassification, type Level } from '../../../src/format/classification.js'
import { PRECEDENCE_ORDER } from '../../../src/format/precedence.js'
import { ApiError } from '../api.js'
import { search } from '../archive-api.js'
import { useOnScreen } from '../banner.js'
import { createDraft, getDirectory, getDraft, lintDraft, updateDraft, type DraftFieldsInput, type DraftView, type LintMessage, type Directory } from '../desk-api.js'
import { hrefFor, navigate } from '../router.js'
import { useSession } from '../session.js'
import { fieldOfLine } from './lint-fields.js'
import { AddresseePicker, ClearersPicker, Findings, type Finding } from './pickers.js'

const EMPTY: DraftFieldsInput = {
  precedence: 'ROUTINE',
  to: [],
  info: [],
  classification: 'UNCLASSIFIED',
  captions: [],
  tags: [],
  subject: { marking: null, text: '' },
  references: [],
  eo: { order: '13526', declassify: 'N/A' },
  classifiedBy: null,
  body: [{ marking: 'U', text: '' }],
  signature: [],
  clearers: [],
}

/** Captions any drafter may put on a cable; the restrictive ones are offered only to a drafter who holds them. */
const OPEN_CAPTIONS = ['SIPDIS', 'SENSITIVE']
const MARKS: Record<Level, string> = { UNCLASSIFIED: 'U', SBU: 'SBU', CONFIDENTIAL: 'C', SECRET: 'S', 'TOP SECRET': 'TS' }

/** The fields a problem from the draft validation may be shown at; any other problem is shown under the form. */
const FIELDS = ['precedence', 'to', 'info', 'classification', 'captions', 'tags', 'subject', 'subjectMarking', 'eo', 'classifiedBy', 'references', 'body', 'signature', 'clearers']

/**
 * The field a validation problem names by its path (`to[1].precedence: …` → `to`; `body[2].text: …` → `body[2]`,
 * `clearers[1]: …` → `clearers[1]`: paragraphs and clearers are shown one by one).
 */
function fieldOfProblem(detail: string): string {
  const m = /^([A-Za-z]+)(\[\d+\])?[.:[]/.exec(detail.replace(/^draft: /, ''))
  if (!m || !FIELDS.includes(m[1])) return 'general'
  const field = m[1] === 'subjectMarking' ? 'subject' : m[1]
  return (field === 'body' || field === 'clearers') && m[2] ? field + m[2] : field
}

/**
 * The compose form. Every change is saved to the server (the draft is created on the first save, then
 * replaced) after a short pause, and the server's compose-mode lint comes back and is shown at the field
 * it concerns: a missing field from the draft validation, a rule finding from its line in the telegram.
 */
export function ComposePage({ draftId }: { draftId: number | null }) {
  const { session } = useSession()
  const [fields, setFields] = useState<DraftFieldsInput>(EMPTY)
  const [view, setView] = useState<DraftView | null>(null)
  const [findings, setFindings] = useState<Finding[]>([])
  const [lint, setLint] = useState<LintMessage[]>([])
  const [status, setStatus] = useState('')
  const [directory, setDirectory] = useState<Directory | null>(null)
  const dirty = useRef(false)
  const id = useRef<number | null>(draftId)

  useEffect(() => {
    getDirectory().then(setDirectory, () => {})
  }, [])
  useEffect(() => {
    id.current = draftId
    if (draftId === null || dirty.current) return
    getDraft(draftId).then((v) => {
      setView(v)
      const f = v.draft.fields
      setFields({ ...EMPTY, ...f, clearers: v.draft.clearers, body: f.body.map((b) => ({ marking: b.marking, text: b.text })) })
    }, (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)))
  }, [draftId])

  // save and lint after a pause in typing
  useEffect(() => {
    if (!dirty.current) return
    setStatus('checking…')
    const timer = setTimeout(async () => {
      try {
        const v = id.current === null ? await createDraft(fields) : await updateDraft(id.current, fields)
        setView(v)
        if (id.current === null) {
          id.current = v.draft.id
          navigate(hrefFor(['desk', 'compose', String(v.draft.id)]), true)
        }
        const l = await lintDraft(v.draft.id)
        setLint(l.messages)
        setFindings(l.messages.filter((m) => m.severity === 'error' || m.severity === 'warning').map((m) => ({ field: fieldOfLine(v.preview.text, m.line), text: `${m.ruleId} ${m.severity} (line ${m.line}, column ${m.column}): ${m.message}` })))
        setStatus(l.errors ? `${l.errors} lint error${l.errors > 1 ? 's' : ''}: clearance is blocked until they are fixed` : `saved as draft ${v.draft.id}; no lint errors`)
      } catch (e) {
        if (e instanceof ApiError && e.problem.code === 'INVALID' && Array.isArray(e.problem.errors)) {
          // each problem with its field path (docs/http.md): shown at that field
          const details = (e.problem.errors as { path: string; message: string }[]).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
          setFindings(details.map((d) => ({ field: fieldOfProblem(d), text: d })))
          setLint([])
          setStatus(`${details.length} problem${details.length > 1 ? 's' : ''} to fix before the draft can be saved`)
        } else setStatus(e instanceof Error ? e.message : String(e))
      }
    }, 500)
    return () => clearTimeout(timer)
  }, [fields])

  const change = (next: Partial<DraftFieldsInput>) => {
    dirty.current = true
    setFields((f) => ({ ...f, ...next }))
  }
  const at = (field: string) => findings.filter((f) => f.field === field)
  const rank = session ? (LEVEL_RANK[session.clearance as Level] ?? 0) : 0
  const levels = (Object.keys(LEVEL_RANK) as Level[]).filter((l) => LEVEL_RANK[l] <= rank)
  const captions = [...OPEN_CAPTIONS, ...RESTRICTIVE_CAVEATS.filter((c) => session?.caveats.includes(c))]
  const marks = levels.map((l) => MARKS[l])
  // the banner is the draft's own classification as the core writes it (null, so "unknown", for a level it lacks)
  useOnScreen([Object.hasOwn(LEVEL_RANK, fields.classification) ? overallClassification(fields.classification as Level, fields.captions) : null])
  const locked = view?.draft.state && view.draft.state !== 'draft'

  return (
    <section class="compose" aria-labelledby="compose-h">
      <h1 id="compose-h">{id.current ? `Draft ${id.current}` : 'New cable'}</h1>
      <p class="muted" role="status" data-testid="compose-status">
        {status || 'Fill in the fields; the draft is saved and checked as you type.'}
      </p>
      {locked && <p class="notice">This draft is {view!.draft.state}; it can no longer be edited.</p>}
      <fieldset disabled={Boolean(locked)}>
        <div class="form-grid">
          <Field label="Precedence (action)" name="precedence" findings={at('precedence')}>
            {(a) => (
              <select {...a} value={fields.precedence} onChange={(e) => change({ precedence: e.currentTarget.value })}>
                {PRECEDENCE_ORDER.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Classification" name="classification" findings={at('classification')}>
            {(a) => (
              <select {...a} value={fields.classification} onChange={(e) => change({ classification: e.currentTarget.value })}>
                {levels.map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <AddresseePicker label="TO (action)" name="to" list={fields.to} directory={directory} resolved={view?.preview.addressees ?? []} findings={at('to')} onChange={(to) => change({ to })} />
        <AddresseePicker label="INFO" name="info" list={fields.info} directory={directory} resolved={view?.preview.addressees ?? []} findings={at('info')} onChange={(info) => change({ info })} />
        <fieldset class="captions">
          <legend>Captions and caveats</legend>
          {captions.map((c) => (
            <label key={c} class="check">
              <input type="checkbox" checked={fields.captions.includes(c)} onChange={(e) => change({ captions: e.currentTarget.checked ? [...fields.captions, c] : fields.captions.filter((x) => x !== c) })} /> {c}
            </label>
          ))}
          <Findings list={at('captions')} />
        </fieldset>
        <TagsPicker tags={fields.tags} findings={at('tags')} onChange={(tags) => change({ tags })} />
        <div class="form-grid subject-row">
          <Field label="Subject mark" name="subject-marking" findings={[]}>
            {(a) => (
              <select {...a} value={fields.subject.marking ?? ''} onChange={(e) => change({ subject: { ...fields.subject, marking: e.currentTarget.value || null } })}>
                <option value="">none</option>
                {marks.map((m) => (
                  <option key={m} value={m}>
                    ({m})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Subject" name="subject" findings={at('subject')}>
            {(a) => <input {...a} value={fields.subject.text} onInput={(e) => change({ subject: { ...fields.subject, text: e.currentTarget.value } })} />}
          </Field>
        </div>
        <div class="form-grid">
          <Field label="E.O. 13526: declassify on (date or exemption; N/A when unclassified)" name="eo" findings={at('eo')}>
            {(a) => <input {...a} value={fields.eo.declassify} onInput={(e) => change({ eo: { ...fields.eo, declassify: e.currentTarget.value } })} />}
          </Field>
          <Field label="Classified by (name, title, reasons)" name="classifiedBy" findings={at('classifiedBy')}>
            {(a) => <input {...a} value={fields.classifiedBy ?? ''} onInput={(e) => change({ classifiedBy: e.currentTarget.value.trim() ? e.currentTarget.value : null })} />}
          </Field>
        </div>
        <Field label="REF (cable ids, separated by spaces)" name="references" findings={at('references')}>
          {(a) => <input {...a} value={fields.references.join(' ')} onInput={(e) => change({ references: e.currentTarget.value.split(/[\s,]+/).filter(Boolean) })} />}
        </Field>
        <fieldset class="paragraphs">
          <legend>Text</legend>
          {fields.body.map((p, i) => (
            <div class="paragraph" key={i}>
              <Field label={`Paragraph ${i + 1} mark`} name={`body-${i}-marking`} findings={[]}>
                {(a) => (
                  <select {...a} value={p.marking ?? ''} onChange={(e) => change({ body: fields.body.map((b, j) => (j === i ? { ...b, marking: e.currentTarget.value || null } : b)) })}>
                    <option value="">none</option>
                    {marks.map((m) => (
                      <option key={m} value={m}>
                        ({m})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={`Paragraph ${i + 1}`} name={`body-${i}`} findings={at(`body[${i}]`).concat(i === 0 ? at('body') : [])}>
                {(a) => <textarea {...a} rows={3} value={p.text} onInput={(e) => change({ body: fields.body.map((b, j) => (j === i ? { ...b, text: e.currentTarget.value } : b)) })} />}
              </Field>
              {fields.body.length > 1 && (
                <button type="button" aria-label={`Remove paragraph ${i + 1}`} onClick={() => change({ body: fields.body.filter((_, j) => j !== i) })}>
                  Remove
                </button>
              )}
            </div>
          ))}
          <button type="button" onClick={() => change({ body: [...fields.body, { marking: fields.body[fields.body.length - 1]?.marking ?? null, text: '' }] })}>
            Add paragraph
          </button>
        </fieldset>
        <Field label="Signature (surname)" name="signature" findings={at('signature')}>
          {(a) => <input {...a} value={fields.signature.join(' ')} onInput={(e) => change({ signature: e.currentTarget.value.split(/\s+/).filter(Boolean) })} />}
        </Field>
        <ClearersPicker clearers={fields.clearers} findings={findings.filter((f) => f.field === 'clearers' || f.field.startsWith('clearers['))} onChange={(clearers) => change({ clearers })} />
      </fieldset>
      <Findings list={at('general')} />
      {view && (
        <section class="preview" aria-labelledby="preview-h">
          <h2 id="preview-h">Telegram preview</h2>
          <pre data-testid="preview">{view.preview.text}</pre>
          {lint.length > 0 && (
            <ul class="findings" aria-label="All lint findings">
              {lint.map((m, i) => (
                <li key={i} class={`sev-${m.severity}`}>
                  <strong>{m.ruleId}</strong> {m.severity} at {m.line}:{m.column} — {m.message}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={hrefFor(['desk', 'drafts'])}>Go to drafts and queues</a>
          </p>
        </section>
      )}
    </section>
  )
}

interface ControlAttrs {
  id: string
  'aria-invalid'?: boolean
  'aria-describedby'?: string
}

/** A labelled control with the findings that concern it underneath, tied to it by aria-describedby. */
function Field({ label, name, findings, children }: { label: string; name: string; findings: Finding[]; children: (a: ControlAttrs) => preact.ComponentChildren }) {
  const id = `field-${name}`
  const attrs: ControlAttrs = { id, ...(findings.length ? { 'aria-invalid': true, 'aria-describedby': `${id}-findings` } : {}) }
  return (
    <div class={`field${findings.length ? ' has-findings' : ''}`} data-field={name}>
      <label for={id}>{label}</label>
      {children(attrs)}
      <Findings list={findings} id={`${id}-findings`} />
    </div>
  )
}

/** TAGS: typed, with suggestions from the archive's own TAGS (the facets of `tag:PREFIX*`). */
function TagsPicker({ tags, findings, onChange }: { tags: string[]; findings: Finding[]; onChange: (t: string[]) => void }) {
  const [entry, setEntry] = useState('')
  const [suggestions, setSuggestions] = useState<string[]>([])
  useEffect(() => {
    const prefix = entry.trim().toUpperCase()
    if (!/^[A-Z0-9]+$/.test(prefix)) return setSuggestions([])
    const abort = new AbortController()
    const timer = setTimeout(() => {
      search({ q: `tag:${prefix}*`, sort: 'date', offset: 0, limit: 0 }, abort.signal).then((a) => setSuggestions((a.facets?.tag ?? []).map((t) => t.value).filter((t) => t.startsWith(prefix))), () => setSuggestions([]))
    }, 150)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [entry])
  const add = (t: string) => {
    const tag = t.trim().toUpperCase()
    if (tag && !tags.includes(tag)) onChange([...tags, tag])
    setEntry('')
  }
  return (
    <div class={`field${findings.length ? ' has-findings' : ''}`} data-field="tags">
      <label for="field-tags">TAGS</label>
      <div class="picker">
        <input
          id="field-tags"
          list="tag-suggestions"
          value={entry}
          placeholder="PREL, PGOV, country code…"
          aria-invalid={findings.length ? true : undefined}
          aria-describedby={findings.length ? 'field-tags-findings' : undefined}
          onInput={(e) => setEntry(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add(entry)
            }
          }}
        />
        <button type="button" onClick={() => add(entry)} aria-label="Add TAGS entry">
          Add
        </button>
      </div>
      <datalist id="tag-suggestions">
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <ul class="chips">
        {tags.map((t) => (
          <li key={t} class="chip include">
            {t}
            <button type="button" aria-label={`Remove TAGS ${t}`} onClick={() => onChange(tags.filter((x) => x !== t))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <Findings list={findings} id="field-tags-findings" />
    </div>
  )
}
