import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readableCable } from '../archive/show-cable.js'
import { readableAddressees } from '../archive/withheld-addressees.js'
import { cableAddressees, type CableAddressees } from '../archive/cable-addressees.js'
import { parseCable } from '../format/parse.js'
import type { MessagingStore } from '../store/messaging-store.js'
import { locationHasDirectoryUsers, openMessagingStore } from '../store/open-store.js'
import type { Access, Store } from '../store/store.js'
import type { Addressee, Cable, PrecedenceWord } from '../format/model.js'
import { precedenceOfProsign, precedenceRank } from '../format/precedence.js'
import { DEFAULT_DIRECTORY_DIR } from './default-directory.js'
import { stationOfAddress } from './recipients.js'
import { originKey } from '../store/query/field-values.js'
import { userAccess } from './reader-access.js'
import type { SubscriptionKind } from './subscriptions.js'
import type { Collective, DeliveryRole, Post } from './types.js'
import type { CableRoute, Certainty, RouteReceipt, RoutingReplay } from './route-answers.js'

export type { CableRoute, Certainty, RouteReceipt, RoutingReplay }

/**
 * Routing replay: who received a cable and how, worked out again from its TO and INFO lines, its FL2 relay
 * line and FL5 precedence, the directory (posts, collectives and their members) and, where the database has
 * users, the subscriptions that would have fed it to more posts. It works on any cable text — one this
 * system released or one imported from a historical archive — and says for each post what is certain and
 * what is inferred.
 */

/** The directory as the replay reads it; async so a networked messaging store fits the same shape. */
export interface RoutingDirectory {
  post(plad: string): Promise<Post | null>
  postByRoute(route: string): Promise<Post | null>
  collective(plad: string): Promise<Collective | null>
  /**
   * The post of a station key as reference ids spell origins (`originKey`: `KINSHASA`, `STATE`, `ABUDHABI`), null
   * when the directory holds none or more than one (`GENEVA`: an embassy and a mission); what names a cable's origin
   * that only its container record gives (`cable network`). Optional: a directory without it names none.
   */
  postOfOrigin?(key: string): Promise<Post | null>
  /** Active directory users subscribed to any of these (kind, value) pairs, with their post and their store access. */
  subscribers(wanted: { kind: SubscriptionKind; value: string }[]): Promise<Subscriber[]>
  /**
   * Whether the reader with `access` may see the directory's users (their names and subscriptions): an active
   * admin of this directory, as for `user list`. Archive mode (undefined) is no directory user: false.
   */
  seesUsers(access: Access | undefined): Promise<boolean>
  /** Where the directory comes from, for the report. */
  readonly source: string
}

/** One subscription of a directory user that matches a cable, with the user's access (`userAccess`). */
export interface Subscriber {
  user: string
  post: string
  kind: SubscriptionKind
  value: string
  access: Access
}

/**
 * How the replay treats profile distribution. `receives` applies the one access rule (level, caveats,
 * distribution captions, need to know) for a subscriber's access; without it no post is listed by profile
 * (fail closed). `names`: the caller may see the directory's users, so each match names its rule and user.
 */
export interface ProfileOptions {
  receives?: (access: Access) => Promise<boolean>
  names?: boolean
  /**
   * The cable's addressees as the research tools read them (`cableAddressees`, src/archive/cable-addressees.ts: the
   * text's lines, else its container record's): what an archive cable is replayed with, so the route and the
   * network read the same addressees. Absent: the parsed text's lines (`readableAddressees`).
   */
  addressees?: CableAddressees
}

const certaintyOf = (certain: boolean): Certainty => (certain ? 'certain' : 'inferred')

/**
 * Replays the routing of a parsed cable through `directory`. Only TO and INFO addressees and the members of
 * collectives named there are recipients. Collectives expand to their members minus XMT exclusions; a post
 * reached twice keeps the action role over info and the higher precedence; a post is certain when any way it
 * was reached is certain (named in TO/INFO, or an observed member). The FL2 relay line's routing indicators are
 * relays (spec §3.2: FL2 is not the addressee list): they make no post a recipient or certain, and those no
 * recipient holds are listed in `relays`.
 *
 * @example
 *   const r = await replayRouting(parseCable(seedText), shippedDirectory())
 *   // r.recipients: AMEMBASSY DUSHANBE action IMMEDIATE certain, then each member of
 *   //   ALL SOUTH AND CENTRAL ASIA COLLECTIVE info IMMEDIATE (observed members certain, the others inferred)
 */
export async function replayRouting(cable: Cable, directory: RoutingDirectory, options: ProfileOptions = {}): Promise<RoutingReplay> {
  // a rendering's placeholder under an address list is no addressee, and the TO lines after one have no readable role
  const shown = options.addressees ?? { ...readableAddressees(cable), toFromContainer: false }
  const relayed = new Set(cable.envelope.routing?.routes ?? [])
  const prosigns = cable.envelope.dtg?.precedence ?? []
  const byPost = new Map<string, RouteReceipt>()
  const excluded: RoutingReplay['excluded'] = []
  const unresolved: RoutingReplay['unresolved'] = []
  const precedenceFor = (a: Addressee, role: DeliveryRole): Pick<RouteReceipt, 'precedence' | 'precedenceFrom'> => {
    if (a.precedence) return { precedence: a.precedence, precedenceFrom: 'addressee line' }
    const prosign = role === 'action' ? prosigns[0] : (prosigns[1] ?? prosigns[0])
    const fromFl5 = prosign ? precedenceOfProsign(prosign) : null
    if (fromFl5) return { precedence: fromFl5, precedenceFrom: 'FL5' }
    if (role === 'action' && cable.precedence) return { precedence: cable.precedence, precedenceFrom: 'FL5' }
    return { precedence: 'ROUTINE', precedenceFrom: 'default' }
  }
  // the FL2 relay line names the stations this copy was relayed to, not its addressees (spec §3.2: `OO RUEHRG` on
  // 07BERN881 although Recife is not addressed), so it neither makes a post a recipient nor makes one certain (QA 14
  // W6): a recipient reached through an RI the line names says so in `via`, and the other RIs are listed apart
  const reach = (post: Post, role: DeliveryRole, p: Pick<RouteReceipt, 'precedence' | 'precedenceFrom'>, certain: boolean, via: string) => {
    const vias = post.route !== null && relayed.has(post.route) ? [via, `FL2 ${post.route} (relayed there)`] : [via]
    const had = byPost.get(post.plad)
    if (!had) {
      byPost.set(post.plad, { post: post.plad, route: post.route, role, ...p, certainty: certaintyOf(certain), via: vias })
      return
    }
    const higher = precedenceRank(p.precedence) < precedenceRank(had.precedence)
    byPost.set(post.plad, {
      ...had,
      role: had.role === 'action' || role === 'action' ? 'action' : 'info',
      ...(higher ? p : {}),
      certainty: certaintyOf(had.certainty === 'certain' || certain),
      via: [...new Set([...had.via, ...vias])],
    })
  }
  const collectives: { role: DeliveryRole; plad: string; precedence: Pick<RouteReceipt, 'precedence' | 'precedenceFrom'> }[] = []
  // the collectives whose XMT exclusions may be withheld from the reader, in the order they are read
  const collectivesWithheldXmt: string[] = []
  const lists: [DeliveryRole, Addressee[]][] = [
    ['action', shown.to],
    ['info', shown.info],
  ]
  for (const [role, list] of lists) {
    // a TO list the container record states (the text has none) names posts the publisher listed, not lines of the
    // telegram: every post it reaches is inferred, and says where it comes from
    const container = role === 'action' && shown.toFromContainer
    const label = role === 'action' ? (container ? `TO ${FROM_CONTAINER_VIA}` : 'TO') : 'INFO'
    for (const a of list) {
      const read = await readAddressee(a, directory)
      const { name } = read
      const p = precedenceFor(a, role)
      if (read.kind === 'post') {
        reach(read.post, role, p, !container, label)
        continue
      }
      if (read.kind === 'unresolved') {
        unresolved.push({ role, name, route: a.route })
        if (read.byRoute) reach(read.byRoute, role, p, false, `${label} ${a.route} (its routing indicator; ${name} is not in the directory)`)
        continue
      }
      const collective = read.collective
      collectives.push({ role, plad: collective.plad, precedence: p })
      const xmt = new Set((a.excluded ?? []).map(stationOfAddress))
      // an XMT line of this collective may be among the lines withheld from the reader: any member may have been
      // excluded, so none is certain, and each says why (QA 14 round 11, F3)
      const exclusionsUnknown = shown.exclusionsWithheld.includes(a)
      if (exclusionsUnknown && !collectivesWithheldXmt.includes(collective.plad)) collectivesWithheldXmt.push(collective.plad)
      for (const m of collective.members) {
        const member = await directory.post(m.post)
        if (!member) continue
        if (xmt.has(member.plad)) {
          excluded.push({ post: member.plad, collective: collective.plad })
          continue
        }
        const how = `${m.inferred ? 'inferred' : 'observed'}${exclusionsUnknown ? `; ${EXCLUSIONS_WITHHELD}` : ''}`
        reach(member, role, p, !m.inferred && !container && !exclusionsUnknown, `${label} ${collective.plad} (member, ${how})`)
      }
    }
  }
  // relay routing indicators no recipient holds: stations the copy passed through, shown apart, never recipients
  const reachedRoutes = new Set([...byPost.values()].map((r) => r.route))
  const relays: RoutingReplay['relays'] = []
  for (const ri of relayed) {
    if (reachedRoutes.has(ri)) continue
    relays.push({ route: ri, post: (await directory.postByRoute(ri))?.plad ?? null })
  }
  const wanted = [...cable.tags.map((t) => ({ kind: 'tag' as const, value: t.trim().toUpperCase() })), ...cable.captions.map((c) => ({ kind: 'caption' as const, value: c.trim().toUpperCase() }))]
  const profile = new Map<string, Set<string>>()
  const receives = options.receives
  const names = options.names === true
  for (const s of wanted.length && receives ? await directory.subscribers(wanted) : []) {
    if (byPost.has(s.post)) continue
    // profile distribution obeys the one access rule: a subscriber who could not read the cable never gets it
    if (!receives || !(await receives(s.access))) continue
    const set = profile.get(s.post) ?? new Set<string>()
    set.add(names ? `${s.kind}:${s.value} (${s.user})` : s.kind)
    profile.set(s.post, set)
  }
  const recipients = [...byPost.values()].sort((a, b) => precedenceRank(a.precedence) - precedenceRank(b.precedence) || (a.role === b.role ? 0 : a.role === 'action' ? -1 : 1) || a.post.localeCompare(b.post))
  return {
    directory: directory.source,
    recipients,
    excluded,
    unresolved,
    relays,
    addresseesWithheld: shown.withheld ? withheldNote(collectivesWithheldXmt) : null,
    addresseesFromContainer: shown.toFromContainer ? ADDRESSEES_FROM_CONTAINER : null,
    noRecipientsBecause: recipients.length ? null : whyNoRecipients(lists, unresolved.length, excluded.length, shown.withheld),
    profile: [...profile].map(([post, m]) => ({ post, matched: [...m].sort() })).sort((a, b) => a.post.localeCompare(b.post)),
    profileNamed: names,
  }
}

/**
 * How the routing replay reads one addressee line, the one reading `cable route` and `cable network` share: its
 * station (`stationOfAddress`: RI, office note and an embassy's country code dropped, Washington written `WASHDC`)
 * is a post of `directory`, else a collective of it, else unresolved: a name the directory does not know is listed,
 * never guessed (QA 14 round 6); its routing indicator, when the directory knows it, names the station the wire
 * delivered to (`byRoute`), but not that the post it names is the one the drafter meant, so the replay holds that
 * post only inferred (the FL2 relay line naming it too changes nothing: relays are no evidence of who the drafter
 * addressed, spec §3.2).
 *
 * @example
 *   await readAddressee({ route: 'RUEHSW', name: 'AMEMBASSY BERN ZORBEK TALKS', … }, shippedDirectory())
 *   // { kind: 'unresolved', name: 'AMEMBASSY BERN ZORBEK TALKS', byRoute: { plad: 'AMEMBASSY BERN', … } }
 */
export async function readAddressee(a: Pick<Addressee, 'name' | 'route'>, directory: Pick<RoutingDirectory, 'post' | 'postByRoute' | 'collective'>): Promise<AddresseeReading> {
  const name = stationOfAddress(a.name)
  const post = await directory.post(name)
  if (post) return { kind: 'post', name, post }
  const collective = await directory.collective(name)
  if (collective) return { kind: 'collective', name, collective }
  return { kind: 'unresolved', name, byRoute: a.route ? await directory.postByRoute(a.route) : null }
}

/** One addressee line as the replay reads it (`readAddressee`). */
export type AddresseeReading =
  | { kind: 'post'; name: string; post: Post }
  | { kind: 'collective'; name: string; collective: Collective }
  | { kind: 'unresolved'; name: string; byRoute: Post | null }

/** What a replay says (`addresseesWithheld`) when address lines are withheld from its reader (how many, and their roles, are not told). */
export const ADDRESSEES_WITHHELD = 'address lines are withheld for your clearance: how many, and as action or info, is not shown'

/** What a member's `via` says when its collective's XMT exclusions may be among the lines withheld from the reader. */
const EXCLUSIONS_WITHHELD = 'its exclusions may be withheld'

/**
 * The note on withheld address lines (`ADDRESSEES_WITHHELD`), naming the collectives whose XMT exclusions may be
 * among them (QA 14 round 11, F3): their members are then all inferred. Names only collectives the reader reads.
 */
function withheldNote(collectives: readonly string[]): string {
  if (!collectives.length) return ADDRESSEES_WITHHELD
  return `${ADDRESSEES_WITHHELD}; XMT exclusions from ${collectives.join(', ')} may be among them, so ${collectives.length === 1 ? 'its' : 'their'} members are listed as inferred`
}

/** What a replay says (`addresseesFromContainer`) when the text has no TO line and its container record states the addressees. */
export const ADDRESSEES_FROM_CONTAINER = "the text has no TO line: the TO addressees are those its container record states (a CFPF record's to_field, a cables.csv To column), so every post they reach is inferred"

/** How a post reached through a container's addressee was reached (`via`, after `TO`). */
const FROM_CONTAINER_VIA = '(container record: the text has no TO line)'

/** The reason an empty replay is empty, in words a reader can act on. */
function whyNoRecipients(lists: [DeliveryRole, Addressee[]][], unresolved: number, excluded: number, withheld: boolean): string {
  const named = lists.reduce((n, [, list]) => n + list.length, 0)
  if (named === 0 && withheld) return `${ADDRESSEES_WITHHELD}, and none you may read names a post`
  if (named === 0) return 'the cable has no TO or INFO line (none was read from its header), so there is nothing to route'
  const parts: string[] = []
  if (unresolved) parts.push(`${unresolved} of its ${named} addressee${named === 1 ? ' is' : 's are'} not in the directory`)
  if (excluded) parts.push(`${excluded} collective member${excluded === 1 ? ' was' : 's were'} excluded by XMT`)
  return parts.length ? parts.join('; ') : `its ${named} addressee${named === 1 ? ' has' : 's have'} no posts in the directory`
}

function tsvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'))
}

/**
 * The directory shipped with Cablegram (`data/directory-*.tsv`), for archives without a messaging
 * directory of their own: posts by PLAD and routing indicator, collectives with observed and inferred
 * members; no users, so no subscriptions.
 */
export function shippedDirectory(dir: string = DEFAULT_DIRECTORY_DIR): RoutingDirectory {
  const posts = new Map<string, Post>()
  const routes = new Map<string, Post>()
  for (const file of ['directory-posts.tsv', 'directory-posts-added.tsv']) {
    for (const [plad, route, origin, kind, source] of tsvRows(join(dir, file))) {
      const post = { plad, route: route || null, origin, kind, source: source ?? '' }
      posts.set(plad, post)
      if (post.route && !routes.has(post.route)) routes.set(post.route, post)
    }
  }
  const collectives = new Map<string, Collective>()
  for (const [plad, route, member, inferred, note] of tsvRows(join(dir, 'directory-collectives.tsv'))) {
    const c = collectives.get(plad) ?? { plad, route: route || null, note: note ?? '', members: [] }
    c.members.push({ post: member, inferred: inferred === '1' })
    collectives.set(plad, c)
  }
  const ofOrigin = postsByOrigin([...posts.values()])
  return {
    source: 'shipped directory (data/directory-*.tsv)',
    post: async (plad) => posts.get(plad) ?? null,
    postOfOrigin: async (key) => ofOrigin.get(key) ?? null,
    postByRoute: async (route) => routes.get(route) ?? null,
    collective: async (plad) => collectives.get(plad) ?? null,
    subscribers: async () => [],
    seesUsers: async () => false,
  }
}

/** Posts by station key (`originKey` of their origin), null for a key two posts share. */
function postsByOrigin(posts: readonly Post[]): Map<string, Post | null> {
  const out = new Map<string, Post | null>()
  for (const p of posts) {
    if (!p.origin) continue
    const key = originKey(p.origin)
    out.set(key, out.has(key) ? null : p)
  }
  return out
}

/** The directory and subscriptions of a messaging database. */
export function messagingDirectory(store: MessagingStore): RoutingDirectory {
  let ofOrigin: Promise<Map<string, Post | null>> | null = null
  return {
    source: 'messaging directory of this database',
    postOfOrigin: async (key) => (await (ofOrigin ??= store.directory.posts().then(postsByOrigin))).get(key) ?? null,
    post: async (plad) => store.directory.post(plad),
    postByRoute: async (route) => store.directory.postByRoute(route),
    collective: async (plad) => store.directory.collective(plad),
    subscribers: async (wanted) => {
      const keys = new Set(wanted.map((w) => `${w.kind}\t${w.value}`))
      const out: Subscriber[] = []
      for (const u of await store.directory.users()) {
        if (!u.active) continue
        for (const s of await store.subscriptions.of(u.name)) if (keys.has(`${s.kind}\t${s.value}`)) out.push({ user: u.name, post: u.post, kind: s.kind, value: s.value, access: userAccess(u) })
      }
      return out
    },
    seesUsers: async (access) => {
      if (!access?.needToKnow) return false
      const viewer = await store.directory.user(access.needToKnow.user)
      return viewer !== null && viewer.active && viewer.roles.includes('admin')
    },
  }
}

/** The posts where `replayed` and `delivered` part, in words (see `CableRoute.deliveryDifferences`). */
export function routeDifferences(replayed: readonly { post: string; role: string; precedence: string }[], delivered: readonly { post: string; role: string; precedence: string }[]): string[] {
  const r = new Map(replayed.map((x) => [x.post, `${x.role} ${x.precedence}`]))
  const d = new Map(delivered.map((x) => [x.post, `${x.role} ${x.precedence}`]))
  const out: string[] = []
  for (const post of [...new Set([...r.keys(), ...d.keys()])].sort()) {
    const a = r.get(post)
    const b = d.get(post)
    if (a === b) continue
    out.push(b === undefined ? `${post}: replayed ${a}, not delivered` : a === undefined ? `${post}: delivered ${b}, not replayed` : `${post}: replayed ${a}, delivered ${b}`)
  }
  return out
}

/**
 * Replays the routing of the archive cable `id` as the reader may see it (null when he may read none of it, or it
 * is absent). In a database with a messaging directory its directory and subscriptions are used and its
 * recorded deliveries compared; elsewhere the shipped directory. A reader who may read the cable only in part
 * (portion-level access) gets the replay of its rendering for him (`readableCable`: address lines withheld from
 * him are not read), `readInPart: true`, and no profile distribution or recorded deliveries: which subscribers
 * may read it and where it was delivered depend on the whole cable (its level and caveats, withheld portions'
 * included, and its every addressee), so they are not given (fail closed), whatever the cable holds.
 *
 * @example
 *   const route = await routeCable(store, 'cables.db', '09STATE99704')
 */
export async function routeCable(store: Store, location: string, id: string, access?: Access): Promise<CableRoute | null> {
  if (!(await locationHasDirectoryUsers(location))) return routeWith(store, id, shippedDirectory(), access)
  const found = await readableCable(store, id, access)
  if (!found) return null
  const { cable, inPart } = found
  const parsed = parseCable(cable.text, { plain: true })
  const addressees = cableAddressees(cable, parsed)
  const messaging = await openMessagingStore(location)
  try {
    const directory = messagingDirectory(messaging)
    const replay = await replayRouting(parsed, directory, inPart ? { addressees } : { ...(await profileOptions(store, cable.key, directory, access)), addressees })
    const rows = cable.id && !inPart ? await messaging.delivery.deliveriesOf(cable.id) : []
    const deliveries = rows.length ? rows.map((d) => ({ post: d.post, role: d.role, precedence: d.precedence })).sort((a, b) => a.post.localeCompare(b.post)) : null
    const same =
      deliveries === null
        ? null
        : JSON.stringify(deliveries) === JSON.stringify(replay.recipients.map((r) => ({ post: r.post, role: r.role, precedence: r.precedence })).sort((a, b) => a.post.localeCompare(b.post)))
    return { key: cable.key, id: cable.id, ...replay, readInPart: inPart, deliveries, matchesDeliveries: same, deliveryDifferences: deliveries === null ? null : routeDifferences(replay.recipients, deliveries) }
  } finally {
    await messaging.close()
  }
}

/**
 * Profile distribution for the stored cable `key` as `access` may see it: a subscriber receives it only if
 * the store's access rule lets his own access read it whole (what delivery and reading apply), and names
 * are shown only to a reader who may see the directory's users.
 */
async function profileOptions(store: Store, key: string, directory: RoutingDirectory, access: Access | undefined): Promise<ProfileOptions> {
  return { receives: async (subscriber) => (await store.getCable(key, subscriber)) !== null, names: await directory.seesUsers(access) }
}

/**
 * Replays the routing of the archive cable `id` through a given directory, without recorded deliveries
 * (what the HTTP server uses: its messaging directory, or the shipped one). Null when the reader may read none
 * of it; read in part, as `routeCable` says (`readInPart`, no profile distribution).
 */
export async function routeWith(store: Store, id: string, directory: RoutingDirectory, access?: Access): Promise<CableRoute | null> {
  const found = await readableCable(store, id, access)
  if (!found) return null
  const { cable, inPart } = found
  const parsed = parseCable(cable.text, { plain: true })
  const addressees = cableAddressees(cable, parsed)
  const replay = await replayRouting(parsed, directory, inPart ? { addressees } : { ...(await profileOptions(store, cable.key, directory, access)), addressees })
  return { key: cable.key, id: cable.id, ...replay, readInPart: inPart, deliveries: null, matchesDeliveries: null, deliveryDifferences: null }
}
