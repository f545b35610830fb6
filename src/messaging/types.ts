/**
 * The messaging layer's records. Those the store exchanges are defined with the storage contract
 * (`src/store/messaging-types.ts`) and re-exported here; the access shapes are the messaging layer's own.
 */
export {
  ROLES,
  type Role,
  type Post,
  type Collective,
  type Office,
  type User,
  type DeliveryRole,
  type DraftAddressee,
  type DraftBlock,
  type DraftFields,
  type DraftState,
  type Draft,
  type ReleasedCableRow,
  type DeliveryRow,
  type InboxRow,
  type SubscriptionKind,
  type AuditOutcome,
  AUDIT_OUTCOMES,
  type AuditEntry,
  type AuditFilter,
} from '../store/messaging-types.js'

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

/** One entry of a post inbox as `inbox` lists it (`cable inbox`, `GET /api/inbox`). */
export interface InboxItem {
  cableId: string
  role: 'action' | 'info'
  precedence: string
  /** The cable's overall classification with its caveats (`SECRET//NOFORN`), from the release record. */
  classification: string
  subject: string
  deliveredAt: number
  acknowledgedBy: string | null
  acknowledgedAt: number | null
}
