import type { PrecedenceWord } from '../format/model.js'

/**
 * The records the messaging store exchanges with the messaging layer: directory entries, drafts, released
 * cables, deliveries, inbox entries, subscriptions and audit entries. Every engine reads and writes exactly
 * these shapes; `src/messaging` re-exports them.
 */

/** What a user may do; checked by the workflow, never by an adapter. */
export const ROLES = ['drafter', 'clearer', 'approver', 'reader', 'admin', 'archivist', 'archive-reader'] as const
export type Role = (typeof ROLES)[number]

/** A station that sends and receives cables: embassy, consulate, mission, the Department. */
export interface Post {
  /** Plain language address as written in FM/TO/INFO lines: `AMEMBASSY DUSHANBE`. */
  plad: string
  /** Routing indicator (`RUEHDBU`); null when the directory does not know one. */
  route: string | null
  /** MRN origin printed in the class line and reference id: `STATE`, `DUSHANBE`, `USNATO`. */
  origin: string
  kind: string
  source: string
}

export interface Collective {
  plad: string
  route: string | null
  note: string
  members: { post: string; inferred: boolean }[]
}

/** An office of a post (`SCA/CEN` at `SECSTATE WASHDC`). */
export interface Office {
  post: string
  code: string
  name: string
}

export interface User {
  name: string
  fullName: string
  post: string
  office: string | null
  roles: Role[]
  /** Clearance as a level rank: 0 UNCLASSIFIED, 1 SBU, 2 CONFIDENTIAL, 3 SECRET, 4 TOP SECRET. */
  clearance: number
  /** Caveats the user is read into: NOFORN, NODIS, EXDIS, LIMDIS, … */
  caveats: string[]
  active: boolean
}

export type DeliveryRole = 'action' | 'info'

/** One addressee of a draft as the drafter wrote it. */
export interface DraftAddressee {
  name: string
  precedence?: PrecedenceWord
  /** For a collective: member posts it must not reach (XMT). */
  xmt?: string[]
}

/** One text block after the subject: a numbered paragraph or literal lines (lists, headings). */
export type DraftBlock = { marking: string | null; text: string } | { lines: string[] }

/** The structured fields of a cable before release (no MRN, no DTG yet). */
export interface DraftFields {
  precedence: PrecedenceWord
  to: DraftAddressee[]
  info: DraftAddressee[]
  classification: string
  captions: string[]
  eo: { order: string; declassify: string }
  tags: string[]
  subject: { marking: string | null; text: string }
  references: string[]
  classifiedBy: string | null
  body: DraftBlock[]
  signature: string[]
}

export type DraftState = 'draft' | 'approved' | 'released'

export interface Draft {
  id: number
  originPost: string
  drafter: string
  fields: DraftFields
  clearers: string[]
  cleared: string[]
  approvedBy: string | null
  state: DraftState
  corrects: string | null
  cableId: string | null
  /** Epoch milliseconds. */
  createdAt: number
  updatedAt: number
}

/** A new draft as the workflow stores it. */
export interface NewDraft {
  originPost: string
  drafter: string
  fields: DraftFields
  clearers: string[]
  corrects: string | null
  /** Epoch milliseconds. */
  at: number
}

/** What release writes for one cable; the row is immutable once inserted. */
export interface ReleasedCableRow {
  id: string
  draftId: number
  origin: string
  year: number
  serial: number
  originPost: string
  precedence: string
  level: number
  caveats: string[]
  subject: string
  tags: string[]
  captions: string[]
  dtg: string
  text: string
  json: string
  corrects: string | null
  releasedBy: string
  /** Epoch milliseconds. */
  releasedAt: number
}

/** What access checks and listings need of a released cable, without its text. */
export type ReleasedCableHead = Pick<ReleasedCableRow, 'id' | 'originPost' | 'level' | 'caveats' | 'subject' | 'tags' | 'captions'>

/** One queued delivery of a cable to one post. Times are epoch milliseconds. */
export interface DeliveryRow {
  id: number
  cableId: string
  post: string
  role: DeliveryRole
  precedence: string
  /** Queue rank: FLASH 1 … ROUTINE 5; lower goes first. */
  rank: number
  queuedAt: number
  leaseOwner: string | null
  leaseUntil: number | null
  attempts: number
  deliveredAt: number | null
}

export type NewDelivery = Pick<DeliveryRow, 'cableId' | 'post' | 'role' | 'precedence' | 'rank' | 'queuedAt'>

/** A delivered cable in a post's inbox. Times are epoch milliseconds. */
export interface InboxRow {
  deliveryId: number
  post: string
  cableId: string
  role: DeliveryRole
  precedence: string
  rank: number
  deliveredAt: number
  acknowledgedBy: string | null
  acknowledgedAt: number | null
}

export type SubscriptionKind = 'tag' | 'caption' | 'keyword'

export interface Subscription {
  kind: SubscriptionKind
  value: string
}

export type AuditOutcome = 'ok' | 'denied' | 'refused'
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['ok', 'denied', 'refused']

export interface AuditEntry {
  id: number
  /** Epoch milliseconds. */
  at: number
  actor: string
  action: string
  outcome: AuditOutcome
  cableId: string | null
  draftId: number | null
  post: string | null
  detail: string
}

export interface AuditFilter {
  actor?: string
  action?: string
  outcome?: AuditOutcome
  cableId?: string
  /** Entries at or after this epoch millisecond. */
  since?: number
  limit?: number
}
