import { useMemo, useState } from 'preact/hooks'
import { PRECEDENCE_ORDER } from '../../../src/format/precedence.js'
import type { DraftAddressee, Directory, PreviewAddressee } from '../desk-api.js'

/** A problem shown under the control it concerns. */
export interface Finding {
  field: string
  text: string
}

/** The findings of one control, tied to it by the id its aria-describedby names. */
export function Findings({ list, id }: { list: Finding[]; id?: string }) {
  if (list.length === 0) return null
  return (
    <ul class="field-findings" id={id}>
      {list.map((f, i) => (
        <li key={i}>{f.text}</li>
      ))}
    </ul>
  )
}

/** One entry the directory offers: a post or a collective with its member count. */
interface Choice {
  name: string
  detail: string
}

/** How many suggestions the list shows at once; typing narrows it. */
const SHOWN = 8

/**
 * A text box that suggests as you type (ARIA combobox with a listbox): arrows move through the suggestions,
 * Enter adds the highlighted one or else what was typed, Escape closes the list. What was typed goes to the
 * server as it is: the server decides whether it names anything (its refusal is shown at the field).
 */
function Combobox({ id, label, choices, placeholder, invalid, describedBy, onPick }: { id: string; label: string; choices: Choice[]; placeholder: string; invalid: boolean; describedBy?: string; onPick: (name: string) => void }) {
  const [entry, setEntry] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const shown = useMemo(() => {
    const words = entry.trim().toUpperCase().split(/\s+/).filter(Boolean)
    return choices.filter((c) => words.every((w) => c.name.includes(w))).slice(0, SHOWN)
  }, [entry, choices])
  const listId = `${id}-suggestions`
  const pick = (name: string) => {
    const n = name.trim()
    if (!n) return
    onPick(n)
    setEntry('')
    setActive(-1)
    setOpen(false)
  }
  const expanded = open && entry.trim() !== '' && shown.length > 0
  return (
    <div class="combo">
      <div class="picker">
        <input
          id={id}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          autocomplete="off"
          value={entry}
          placeholder={placeholder}
          onInput={(e) => {
            setEntry(e.currentTarget.value)
            setActive(-1)
            setOpen(true)
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault()
              setOpen(true)
              const n = shown.length
              if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n))
            } else if (e.key === 'Enter') {
              e.preventDefault()
              pick(expanded && active >= 0 ? shown[active].name : entry.toUpperCase())
            } else if (e.key === 'Escape') setOpen(false)
          }}
        />
        <button type="button" onClick={() => pick(entry.toUpperCase())} aria-label={`Add ${label}`}>
          Add
        </button>
      </div>
      <ul id={listId} role="listbox" aria-label={`${label}: suggestions`} class="suggestions" hidden={!expanded}>
        {expanded &&
          shown.map((c, i) => (
            <li
              key={c.name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              // mousedown, not click: the text box must not lose the list before the pick
              onMouseDown={(e) => {
                e.preventDefault()
                pick(c.name)
              }}
            >
              {c.name} <span class="muted">{c.detail}</span>
            </li>
          ))}
      </ul>
    </div>
  )
}

/**
 * TO or INFO: posts and collectives from the directory, typed to filter. Each addressee line has its own
 * precedence (the telegram prints one per line); left at "default" it takes what the server resolves, shown
 * from the last preview. A collective's members can be excluded (XMT), with a filter over long member lists.
 */
export function AddresseePicker(props: {
  label: string
  name: 'to' | 'info'
  list: DraftAddressee[]
  directory: Directory | null
  resolved: PreviewAddressee[]
  findings: Finding[]
  onChange: (l: DraftAddressee[]) => void
}) {
  const { label, name, list, directory, resolved, findings, onChange } = props
  const role = name === 'to' ? 'action' : 'info'
  const choices = useMemo<Choice[]>(
    () => [
      ...(directory?.posts ?? []).map((p) => ({ name: p.plad, detail: p.kind ? `post, ${p.kind}` : 'post' })),
      ...(directory?.collectives ?? []).map((c) => ({ name: c.plad, detail: `collective, ${c.members.length} posts` })),
    ],
    [directory],
  )
  const id = `field-${name}`
  const set = (a: DraftAddressee, next: Partial<DraftAddressee>) =>
    onChange(
      list.map((x) => {
        if (x !== a) return x
        const out: DraftAddressee = { ...x, ...next }
        if (!out.precedence) delete out.precedence
        if (!out.xmt?.length) delete out.xmt
        return out
      }),
    )
  return (
    <div class={`field${findings.length ? ' has-findings' : ''}`} data-field={name}>
      <label for={id}>{label}</label>
      <Combobox
        id={id}
        label={`${label} addressee`}
        choices={choices}
        placeholder="type to filter posts and collectives"
        invalid={findings.length > 0}
        describedBy={findings.length ? `${id}-findings` : undefined}
        onPick={(n) => {
          if (!list.some((a) => a.name === n)) onChange([...list, { name: n }])
        }}
      />
      <ul class="addressees" aria-label={`${label} addressees`}>
        {list.map((a, i) => {
          const members = directory?.collectives.find((c) => c.plad === a.name)?.members ?? []
          const now = resolved.find((r) => r.role === role && r.name === a.name)?.precedence
          return (
            <li key={a.name} class="addressee" data-testid={`${name}-addressee`}>
              <span class="addressee-name">{a.name}</span>
              <select aria-label={`Precedence for ${name.toUpperCase()} ${a.name}`} value={a.precedence ?? ''} onChange={(e) => set(a, { precedence: e.currentTarget.value })}>
                <option value="">{now && !a.precedence ? `default (${now})` : 'default'}</option>
                {PRECEDENCE_ORDER.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
              <button type="button" aria-label={`Remove ${a.name}`} onClick={() => onChange(list.filter((_, j) => j !== i))}>
                Remove
              </button>
              {members.length > 0 && <Exclusions collective={a.name} members={members.map((m) => m.post)} xmt={a.xmt ?? []} onChange={(xmt) => set(a, { xmt })} />}
            </li>
          )
        })}
      </ul>
      <Findings list={findings} id={`${id}-findings`} />
    </div>
  )
}

/** XMT: the members of a collective this cable must not reach, with a filter over the member list. */
function Exclusions({ collective, members, xmt, onChange }: { collective: string; members: string[]; xmt: string[]; onChange: (x: string[]) => void }) {
  const [filter, setFilter] = useState('')
  const words = filter.trim().toUpperCase().split(/\s+/).filter(Boolean)
  const shown = members.filter((m) => xmt.includes(m) || words.every((w) => m.includes(w)))
  return (
    <details class="xmt">
      <summary>
        XMT: {xmt.length ? `${xmt.length} excluded (${xmt.join(', ')})` : 'none excluded'} of {members.length}
      </summary>
      <input type="search" aria-label={`Filter members of ${collective}`} placeholder="filter members" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      <div class="xmt-members">
        {shown.map((m) => (
          <label key={m} class="check">
            <input type="checkbox" checked={xmt.includes(m)} onChange={(e) => onChange(e.currentTarget.checked ? [...xmt, m] : xmt.filter((y) => y !== m))} /> exclude {m}
          </label>
        ))}
      </div>
    </details>
  )
}

/**
 * The clearers: user names, each a line of its own with a remove button. The directory of users is for admins
 * only, so names are typed; the server checks each (active, holds the clearer role, cleared for the draft, not
 * the drafter) and its refusal, placed at `clearers[i]`, is shown at that name.
 */
export function ClearersPicker({ clearers, findings, onChange }: { clearers: string[]; findings: Finding[]; onChange: (c: string[]) => void }) {
  const [entry, setEntry] = useState('')
  const add = () => {
    const names = entry.split(/[\s,]+/).filter((n) => n && !clearers.includes(n))
    if (names.length) onChange([...clearers, ...names])
    setEntry('')
  }
  const at = (i: number) => findings.filter((f) => f.field === `clearers[${i}]`)
  const whole = findings.filter((f) => f.field === 'clearers')
  return (
    <div class={`field${findings.length ? ' has-findings' : ''}`} data-field="clearers">
      <label for="field-clearers">Clearers (user names)</label>
      <div class="picker">
        <input
          id="field-clearers"
          value={entry}
          placeholder="user name, Enter to add"
          autocomplete="off"
          aria-invalid={whole.length ? true : undefined}
          aria-describedby={whole.length ? 'field-clearers-findings' : undefined}
          onInput={(e) => setEntry(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
        />
        <button type="button" onClick={add} aria-label="Add clearer">
          Add
        </button>
      </div>
      <ul class="addressees" aria-label="Named clearers">
        {clearers.map((c, i) => (
          <li key={c} class={`addressee${at(i).length ? ' invalid' : ''}`} data-testid="clearer">
            <span class="addressee-name">{c}</span>
            <button type="button" aria-label={`Remove clearer ${c}`} onClick={() => onChange(clearers.filter((x) => x !== c))}>
              Remove
            </button>
            <Findings list={at(i)} />
          </li>
        ))}
      </ul>
      <Findings list={whole} id="field-clearers-findings" />
    </div>
  )
}
