import { apiPath, request, setCsrfToken } from './api.js'
// the service's answer type itself (type-only, erased from the bundle; src/messaging/types.ts imports nothing)
import type { InboxItem } from '../../src/messaging/types.js'

export type { InboxItem }

/** Shapes and calls of the session and messaging routes (docs/http.md). */

export interface Session {
  user: string
  fullName: string
  post: string
  roles: string[]
  clearance: string
  caveats: string[]
  via: 'session' | 'token'
  csrf?: string
  expiresAt?: string
}

/** Logs in; `newPassword` changes the password in the same step (required after an admin set it). */
export async function login(user: string, password: string, newPassword?: string): Promise<Session> {
  const s = await request<Session>('POST', '/api/session', newPassword === undefined ? { user, password } : { user, password, newPassword })
  setCsrfToken(s.csrf ?? null)
  return s
}

export async function currentSession(): Promise<Session> {
  const s = await request<Session>('GET', '/api/session')
  setCsrfToken(s.csrf ?? null)
  return s
}

export async function logout(): Promise<void> {
  await request('DELETE', '/api/session')
  setCsrfToken(null)
}

export const getInbox = (signal?: AbortSignal) => request<InboxItem[]>('GET', '/api/inbox', undefined, signal)

export interface ReadCable {
  cableId: string
  subject: string
  precedence: string
  classification: string
  text: string
}

export const readCable = (id: string, signal?: AbortSignal) => request<ReadCable>('GET', `/api/inbox/${encodeURIComponent(id)}`, undefined, signal)
export const acknowledge = (id: string) => request<{ acknowledged: boolean }>('POST', `/api/inbox/${encodeURIComponent(id)}/ack`)

export interface DraftAddressee {
  name: string
  precedence?: string
  xmt?: string[]
}

export interface DraftFieldsInput {
  precedence: string
  to: DraftAddressee[]
  info: DraftAddressee[]
  classification: string
  captions: string[]
  tags: string[]
  subject: { marking: string | null; text: string }
  references: string[]
  eo: { order: string; declassify: string }
  classifiedBy: string | null
  body: { marking: string | null; text: string }[]
  signature: string[]
  clearers: string[]
}

export interface Draft {
  id: number
  originPost: string
  drafter: string
  fields: Omit<DraftFieldsInput, 'clearers'>
  clearers: string[]
  cleared: string[]
  approvedBy: string | null
  state: 'draft' | 'approved' | 'released'
  cableId: string | null
  updatedAt: number
}

export interface DraftView {
  draft: Draft
  preview: {
    text: string
    errors: { rule: string; message: string }[]
    recipients: { post: string; role: string; precedence: string }[]
    /** The TO and INFO lines as the header prints them, each with the precedence the server resolved for it. */
    addressees: PreviewAddressee[]
  }
}

export interface PreviewAddressee {
  role: 'action' | 'info'
  name: string
  precedence: string
  collective: boolean
  excluded: string[]
}

export interface DraftSummary {
  id: number
  state: string
  subject: string
  drafter: string
  originPost: string
  clearers: string[]
  cleared: string[]
  updatedAt: number
}

export interface LintMessage {
  ruleId: string
  severity: string
  message: string
  line: number
  column: number
}

export const listDrafts = (signal?: AbortSignal) => request<DraftSummary[]>('GET', '/api/drafts', undefined, signal)
export const getDraft = (id: number, signal?: AbortSignal) => request<DraftView>('GET', `/api/drafts/${id}`, undefined, signal)
export const createDraft = (fields: DraftFieldsInput) => request<DraftView>('POST', '/api/drafts', fields)
export const updateDraft = (id: number, fields: DraftFieldsInput) => request<DraftView>('PUT', `/api/drafts/${id}`, fields)
export const lintDraft = (id: number) => request<{ errors: number; warnings: number; messages: LintMessage[] }>('POST', `/api/drafts/${id}/lint`)
export const clearDraft = (id: number) => request<Record<string, unknown>>('POST', `/api/drafts/${id}/clear`)
export const approveDraft = (id: number) => request<Record<string, unknown>>('POST', `/api/drafts/${id}/approve`)

export interface Release {
  cableId: string
  mrn: string
  dtg: string
  sections: number
  deliveries: { post: string; role: string; precedence: string }[]
  text: string
}

export const releaseDraft = (id: number) => request<Release>('POST', `/api/drafts/${id}/release`)

export interface Directory {
  posts: { plad: string; route?: string; origin?: string; kind?: string }[]
  collectives: { plad: string; route?: string; note?: string; members: { post: string; inferred: boolean }[] }[]
}

export const getDirectory = (signal?: AbortSignal) => request<Directory>('GET', '/api/directory', undefined, signal)

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  outcome: string
  cableId: string | null
  draftId: number | null
  post: string | null
  detail: string
}

export const getAudit = (params: { actor?: string; action?: string; outcome?: string; alerts?: boolean }, signal?: AbortSignal) =>
  request<AuditEntry[]>('GET', apiPath('/api/audit', { ...params, alerts: params.alerts ? 1 : undefined }), undefined, signal)
