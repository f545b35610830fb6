/**
 * Messaging: directory, drafting workflow, release, delivery by precedence, access control and audit.
 * Every interface goes through these functions; none of them trusts its caller to check anything.
 */
export { accessOf, canRead, markingOf, describeMarking, KNOWN_CAVEATS, LEVEL_NAMES, levelRank } from './access.js'
export { queryAudit } from './audit-log.js'
export { actor, inTransaction, type ServiceContext, type LintProblem } from './context.js'
export { installDefaultDirectory, DEFAULT_DIRECTORY_DIR } from './default-directory.js'
export { installDirectory, putUser, getUser, putPost, putCollective, removeCollectiveMember, type UserSpec } from './directory-admin.js'
export { runWorker, workerPass, claimBatch, deliverOne, type WorkerOptions } from './delivery-worker.js'
export { draftFromObject, draftFromText, type DraftInput } from './draft-input.js'
export { draftFromTelegram } from './draft-from-telegram.js'
export { openMessaging, composeLint } from './messaging-service.js'
export { inbox, readCable, acknowledge, type InboxItem } from './reading.js'
export { expandRecipients, type Recipient } from './recipients.js'
export { releaseDraft, type ReleaseResult } from './release.js'
export { archiveAccessOf, recordDenial } from './reader-access.js'
export { archiveReader, type ArchiveReader } from './archive-reader.js'
export { ServiceError, type ServiceErrorCode } from './service-error.js'
export { subscribe, unsubscribe, subscriptions, feed } from './subscriptions.js'
export { createDraft, updateDraft, clearDraft, approveDraft, listDrafts } from './workflow.js'
export type * from './types.js'
export { AUDIT_OUTCOMES } from './types.js'
