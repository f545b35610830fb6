import type { Access } from '../store/store.js'

/**
 * What the research tools answer (query snapshots, the MRN gap map, people), as the service returns them and the
 * HTTP API sends them: types only, importing nothing that runs, so the web client reads the very shapes the
 * service answers with instead of copies of them.
 */

/**
 * Citable query snapshots: what a query returned on an archive, recorded so that anyone can check later,
 * on the same archive or another one, whether the same query still returns the same cables with the same
 * texts.
 *
 * - archive hash: SHA-256 over the sorted lines `key<TAB>text-sha256`, one per version of every cable the
 *   saver could see, so it depends on the content and never on import order;
 * - result hash: the same over the cables the query returned;
 * - id: `cg-` and 10 base-32 characters of the hash of query, archive hash, result hash and the saver's
 *   access (level, caveats, and the user under need to know; nothing in archive mode) (50 bits): short enough
 *   for a footnote, the same for the same query on the same content saved with the same access.
 */
export interface Snapshot {
  format: 1
  id: string
  query: string
  savedAt: string
  /** The saver's access (null: archive mode, everything visible). Verifying needs at least as much. */
  access: Access | null
  archiveHash: string
  archiveCables: number
  resultHash: string
  count: number
  /** Each cable of the result with the text hashes of its versions, sorted by key. */
  cables: { key: string; texts: string[] }[]
}

export interface SnapshotCheck {
  id: string
  query: string
  /** The same cables with the same texts. */
  identical: boolean
  /** The whole archive holds the same content as when the snapshot was saved. */
  sameArchive: boolean
  count: number
  savedCount: number
  added: string[]
  removed: string[]
  /** In both, but a text was added or differs. */
  changed: string[]
}

/**
 * The MRN gap map: per originating post and year, the message serials the archive holds and the serials
 * its cables cite but it does not hold, against the range they span. A post numbers its cables 1, 2, 3, …
 * each year (spec §3, the MRN), so every number inside that range that nobody holds is a cable that exists
 * and no corpus released. The month of a missing serial is estimated by interpolating between the dates of
 * the held serials on either side of it (before the first or after the last held one: that one's month); a
 * cited serial's month the same way, so each month also says how many of its missing cables are known by id.
 *
 * A cited serial that cannot be a cable of its origin-year is an outlier, listed with the cables citing it and
 * kept out of the range, the missing estimate and the known-but-missing ids (`GapOutlier.reason`): one far outside
 * the serials of its origin-year (`fence`: a typo such as `STATE 856708` for a year the Department numbered to
 * about 130000, `serialOutliers`); in an origin-year too small to judge so, one more than ten times the largest
 * other serial of its post in any year (`scale`: `TAIPEI 133192` for a post numbering a few thousand a year,
 * `scaleOutliers`); and one issued after every cable that cites it (`date`: a held serial below it is dated
 * after the last of them, `issuedAfterCiters`), since a cable can only cite what was sent before it.
 */
export interface GapRow {
  /** Station key of the id (`STATE`, `HARARE`). */
  origin: string
  year: number
  /** Lowest and highest serial seen (held or cited). */
  first: number
  last: number
  /** Serials the archive holds. */
  held: number
  /** Serials cited by held cables but not held: known-but-missing. */
  cited: number
  /** Serials in `first..last` nobody holds (cited ones included): the estimated number of missing cables. */
  missing: number
  /** held / (last - first + 1). */
  coverage: number
  /**
   * Per month (`YYYY-MM`, or `undated`): serials held, serials estimated missing (cited ones included), and of
   * those the cited ones, known-but-missing (so `cited <= missing`); months sum to the row's held, missing and
   * cited.
   */
  byMonth: GapMonth[]
  /** Ids of the known-but-missing cables, in serial order. */
  citedMissing: string[]
  /**
   * Cited serials that cannot be cables of the origin-year (far outside its serials, out of scale with its
   * post, or issued after the cables citing them), in serial order, with the keys of the visible cables
   * citing them: not counted in `first`, `last`, `cited`, `missing` or `citedMissing`. A row whose every serial
   * is such an outlier has `first` = `last` = 0 and nothing missing.
   */
  outliers: GapOutlier[]
}

/**
 * Why a cited serial is an outlier: `fence`, beyond the far-out fences of its origin-year's serials
 * (`serialOutliers`); `scale`, in an origin-year of fewer than `OUTLIER_MIN_SERIALS` serials, more than
 * `SCALE_FACTOR` times the largest other serial of its post (`scaleOutliers`); `date`, above a held serial of
 * its origin-year dated after the last cable citing it (`issuedAfterCiters`).
 */
export type GapOutlierReason = 'fence' | 'scale' | 'date'

/** A cited id that cannot be a cable of its origin-year: most likely a typo in a REF line, or another year's. */
export interface GapOutlier {
  id: string
  serial: number
  reason: GapOutlierReason
  /** Keys of the visible cables that cite it. */
  citedBy: string[]
}

/** One month of a gap-map row: held, estimated-missing and (of those) cited-but-missing serials. */
export interface GapMonth {
  month: string
  held: number
  missing: number
  /** Missing serials some held cable cites: known to exist, never released. Counted in `missing` too. */
  cited: number
}

/**
 * People in cables: signers, the names and titles of "Classified by" lines, names in participant lists, and
 * (in an operator's database) drafters, clearers and approvers of released cables, normalised into people:
 * titles taken off, letter case folded, a name written surname first (`PRASK, Odile, Minister`) turned round,
 * a person keyed by surname and first initial, unless two known first names share that initial (`Peter Quint`,
 * `Paul Quint`): then each is his own person, keyed by surname and first name (`QUINT PETER`), and a mention
 * with only the initial (`P. Quint`) stays apart under `QUINT P`. A bare surname (a signature such as
 * `PEARSON`) is merged into the one person of that surname when there is exactly one, else kept apart under
 * the surname alone.
 */
export type PersonRole = 'signer' | 'classifier' | 'participant' | 'drafter' | 'clearer' | 'approver'

/** One mention of a person in one cable. */
export interface Mention {
  cable: string
  role: PersonRole
  /** The name as written, title included. */
  written: string
  /** A title stated with the name (`Special Assistant`, `Ambassador`), null when none. */
  title: string | null
}

export interface Person {
  /**
   * `PEARSON W`: surname and first initial; `QUINT PETER`: surname and first name, when another known first
   * name shares the initial; or the surname alone (`QUINT`), a bare surname that fits no single person.
   */
  key: string
  /** The fullest form seen, in title case (`W. Robert Pearson`). */
  name: string
  titles: string[]
  roles: PersonRole[]
  /** Cables the person touches, in archive order, each once. */
  cables: string[]
  mentions: Mention[]
}
