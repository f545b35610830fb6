import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MessagingStore } from '../../src/store/messaging-store.js'
import { openMessagingStore } from '../../src/store/open-store.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('SQLite messaging store: async transactions on one connection', () => {
  let dir: string
  let store: MessagingStore
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cablegram-msgstore-'))
    store = await openMessagingStore(join(dir, 'm.db'))
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('should keep a concurrent caller out of an open transaction until it commits', async () => {
    const inA: number[] = []
    const a = store.transaction(async (tx) => {
      inA.push(await tx.workflow.nextSerial('STATE', 2026))
      await sleep(30)
      inA.push(await tx.workflow.nextSerial('STATE', 2026))
    })
    // started while A sleeps inside its transaction: must neither see nor take A's serials
    const peek = store.workflow.peekSerial('STATE', 2026)
    const b = store.transaction((tx) => tx.workflow.nextSerial('STATE', 2026))
    await a
    expect(inA).toEqual([1, 2])
    expect(await peek).toBe(3)
    expect(await b).toBe(3)
  })

  it('should roll back everything, serial included, when the callback rejects', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.workflow.nextSerial('STATE', 2026)
        await tx.audit.append({ at: 1, actor: 'x', action: 'release', outcome: 'ok', cableId: null, draftId: null, post: null, detail: '' })
        throw new Error('lint failed at release')
      }),
    ).rejects.toThrow('lint failed at release')
    expect(await store.workflow.peekSerial('STATE', 2026)).toBe(1)
    expect(await store.audit.query({})).toEqual([])
  })

  it('should refuse the outer store inside a transaction instead of waiting for itself forever', async () => {
    await expect(store.transaction(() => store.directory.userCount())).rejects.toThrow(/outside its own transaction/)
    // the connection is free again afterwards
    expect(await store.directory.userCount()).toBe(0)
  })

  it('should run a nested transaction inside the outer one', async () => {
    const serials = await store.transaction(async (tx) => [await tx.workflow.nextSerial('X', 2026), await tx.transaction((inner) => inner.workflow.nextSerial('X', 2026))])
    expect(serials).toEqual([1, 2])
  })
})
