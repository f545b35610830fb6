import type { PrecedenceWord } from '../format/model.js'

/** What a user may do; checked by the workflow, never by an adapter. */
export const ROLES = ['drafter', 'clearer', 'approver', 'reader', 'admin'] as const
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

/** What a reader is cleared for; the archive store applies this same shape in SQL. */
export interface ReaderAccess {
  level: number
  caveats: string[]
}

/** What a cable demands of its reader. */
export interface Marking {
  level: number
  caveats: string[]
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
  createdAt: number
  updatedAt: number
}
