import { diffWords } from 'diff'
import type { Access, CableVersion, Store } from '../store/store.js'
import { byIdOrKey, findCable, findPartialCable } from './find-cable.js'
import { shownSources } from './source-texts.js'

/** Raised when a version number names none of the cable's versions. */
export class VersionNotFoundError extends Error {
  constructor(
    readonly id: string,
    readonly version: number,
    readonly count: number,
  ) {
    super(`${id} has no version ${version}: it has ${count === 1 ? 'one version (1)' : `versions 1 to ${count}`}`)
  }
}

/**
 * Raised when the reader may read the cable only in part (portion-level access) and asks for what only its whole
 * texts give: `cable diff` (a word diff of its versions), `cable show --versions` (the list of its versions) or
 * `cable redact` (a releasable rendering, made from the whole cable: src/archive/releasable.ts). A
 * reader in part is shown only the portions every version renders alike (docs/research.md, "Versions"), so a
 * comparison would show him withheld text; and how many versions a cable has, and each one's filing, hash, withheld
 * passages and sources, depend on whole texts, withheld portions included (two versions may differ only inside a
 * paragraph withheld from him). Said whatever the cable holds (never the number of its versions), so the refusal
 * depends on nothing withheld (fail closed). It is never "not in the archive": search and `show` give him the cable
 * (QA 10 F2). The message names no command: each adapter says where he reads what he may (the CLI `cable show ID`,
 * the web app its Text tab); over HTTP it is a 403 problem's detail.
 */
export class ReadInPartError extends Error {
  constructor(
    readonly id: string,
    /** What was asked: `diff` (a comparison of two versions), `versions` (the list of them) or `redact` (a releasable rendering). */
    readonly asked: 'diff' | 'versions' | 'redact' = 'diff',
  ) {
    super(
      asked === 'diff'
        ? `${id}: you may read this cable only in part, and its versions cannot be compared without the text withheld from you`
        : asked === 'versions'
          ? `${id}: you may read this cable only in part, and its versions are withheld at your clearance: how many it has and how they differ rest on the text withheld from you`
          : `${id}: you may read this cable only in part, and a releasable rendering is made from the whole cable, so none is made for you`,
    )
  }
}

/**
 * Every text of a cable the reader may read whole, numbered by rank, the shown one last (see `Store.versions`; a version made of the sections
 * of a telegram sent in sections lists them, each with its sources); null when the id names no cable he may read at all. Accepts raw ids (`09STATE099704`) as well as canonical ones and `sha256:` keys. Each
 * version's sources as `access` is shown them (`shownSources`: a text column he may not read all of is withheld).
 * Throws `ReadInPartError` (`asked: 'versions'`) when he may read the cable only in part (portion-level access):
 * search and `show` find it for him, so it is no "not in the archive", but its versions rest on text withheld from
 * him (docs/research.md, "Versions").
 *
 * @example
 *   const versions = await cableVersions(store, '08QUORIN777') // [{ version: 1, … }, { version: 2, current: true, … }]
 */
export async function cableVersions(store: Store, id: string, access?: Access): Promise<CableVersion[] | null> {
  const versions = await wholeVersions(store, id, access)
  if (!versions && access && (await findPartialCable(store, id, access))) throw new ReadInPartError(id, 'versions')
  return versions
}

/** The versions of a cable `access` may read whole, their sources as he is shown them; null otherwise. */
async function wholeVersions(store: Store, id: string, access?: Access): Promise<CableVersion[] | null> {
  const versions = await byIdOrKey(id, (k) => store.versions(k, access))
  // a source's text columns he may not read all of are withheld (`shownSources`)
  // the sources of each section of a version made of sections likewise (docs/research.md, "Sections")
  return (
    versions &&
    versions.map((v) => ({
      ...v,
      sources: shownSources(v.sources, access),
      ...(v.sections ? { sections: v.sections.map((s) => ({ ...s, sources: shownSources(s.sources, access) })) } : {}),
    }))
  )
}

/** One run of a word diff: words both texts share, or words only the older (`removed`) or newer (`added`) has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added'
  text: string
}

export interface VersionDiff {
  key: string
  from: number
  to: number
  parts: DiffPart[]
  /** Words removed and added (`countWords`: punctuation alone, `,` or `--`, is no word). */
  removedWords: number
  addedWords: number
}

/**
 * The words in a run of text: whitespace-separated tokens holding a letter or a digit (`Talliv,` and `1.4` are
 * one word each); a token of punctuation alone (`,`, `.`, `--`, `(`) is none, so a diff run that adds or removes
 * only a comma counts no word.
 *
 * @example
 *   countWords(', Deputy Minister Orsa Belkin,') // 4
 */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length
}

/**
 * Word diff between two versions of a cable (jsdiff's `diffWords`: whitespace changes alone are not
 * differences). Without version numbers: the first version against the last. Null when the reader may read none
 * of the cable; throws `ReadInPartError` when he may read it only in part (portion-level access), and
 * `VersionNotFoundError` for a version it does not have.
 *
 * @example
 *   const d = await diffVersions(store, '08QUORIN777')
 *   // d.parts: […, { kind: 'removed', text: 'XXXXXXXXXXXX' }, { kind: 'added', text: 'Minister Zorbek Talliv' }, …]
 */
export async function diffVersions(store: Store, id: string, from?: number, to?: number, access?: Access): Promise<VersionDiff | null> {
  const versions = await wholeVersions(store, id, access)
  if (!versions) {
    // read in part: a clear refusal, not "not in the archive" (he may read the cable: `show` gives its rendering)
    if (access && (await findPartialCable(store, id, access))) throw new ReadInPartError(id)
    return null
  }
  const pick = (n: number) => {
    const v = versions.find((x) => x.version === n)
    if (!v) throw new VersionNotFoundError(id, n, versions.length)
    return v
  }
  const a = pick(from ?? versions[0].version)
  const b = pick(to ?? versions[versions.length - 1].version)
  const parts: DiffPart[] = diffWords(a.text, b.text).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }))
  const words = (kind: DiffPart['kind']) => parts.filter((p) => p.kind === kind).reduce((n, p) => n + countWords(p.text), 0)
  const key = (await findCable(store, id, access))?.key ?? id
  return { key, from: a.version, to: b.version, parts, removedWords: words('removed'), addedWords: words('added') }
}
