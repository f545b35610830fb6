import type { PrecedenceWord } from '../format/model.js'
import type { DeliveryRole } from './types.js'

/**
 * The answer of a routing replay (`cable route`, `GET /api/cables/:id/route`): types only, importing nothing that
 * runs, so the web client reads the very shapes the service answers with.
 */

export type Certainty = 'certain' | 'inferred'

/** One post that received the cable. */
export interface RouteReceipt {
  post: string
  route: string | null
  role: DeliveryRole
  precedence: PrecedenceWord
  /**
   * `certain`: named in TO/INFO, or an observed member of a collective named there. The FL2 relay line never makes a
   * post certain (it names relays, spec §3.2); `via` says when it names the post's RI too.
   */
  certainty: Certainty
  /** Where the precedence comes from: the addressee line, the FL5 prosign, or the default (ROUTINE). */
  precedenceFrom: 'addressee line' | 'FL5' | 'default'
  /** How the cable reached it, e.g. `TO`, `INFO ALL SOUTH AND CENTRAL ASIA COLLECTIVE (member, inferred)`, `FL2 RUEHDBU (relayed there)`. */
  via: string[]
}

export interface RoutingReplay {
  directory: string
  recipients: RouteReceipt[]
  /** Members of a collective an XMT line excluded. */
  excluded: { post: string; collective: string }[]
  /** Addressees the directory does not know (still listed, never guessed). */
  unresolved: { role: DeliveryRole; name: string; route: string | null }[]
  /**
   * Routing indicators of the FL2 relay line that no recipient holds, in the line's order, with the post the
   * directory gives the RI (null when it knows none): stations the copy was relayed to, which are no recipients
   * (spec §3.2: FL2 is not the addressee list).
   */
  relays: { route: string; post: string | null }[]
  /**
   * Posts outside the address lines with an active user whose subscription matches the cable's TAGS or
   * captions and who may read the cable by the one access rule: inferred, info. `matched` is `tag:PREL (dora)`
   * for a caller who may see the directory's users (an admin), else the rule kinds only (`tag`, `caption`).
   */
  profile: { post: string; matched: string[] }[]
  /** Whether `profile` names users and their rules (the caller may see the directory's users). */
  profileNamed: boolean
  /**
   * When the text replayed holds address lines withheld from the reader (a reader in part reads a rendering whose
   * placeholders stand for them), the note that says so (`address lines are withheld for your clearance …`); else
   * null. They are no addressees, the TO lines after one are not read (their role is not readable), and how many
   * lines were withheld, or their roles, is never told.
   */
  addresseesWithheld: string | null
  /**
   * When the text has no TO line and the TO addressees replayed are those the cable's container record states (a CFPF
   * record's to_field: `cableAddressees`, src/archive/cable-addressees.ts), the note that says so; else null. Every
   * post they reach is `inferred`, its `via` `TO (container record: …)`. Never for a reader in part.
   */
  addresseesFromContainer: string | null
  /** Why no post receives it, when none does (no address lines; addressees unknown; all excluded); else null. */
  noRecipientsBecause: string | null
}

/** A cable's routing replay with, where this database released it, the deliveries it actually made. */
export interface CableRoute extends RoutingReplay {
  key: string
  id: string | null
  /**
   * True when the reader may read the cable only in part (portion-level access): the replay is of his rendering
   * (address lines withheld from him are not read), and profile distribution and recorded deliveries, which
   * depend on the whole cable, are not given (`profile` empty, `deliveries` null).
   */
  readInPart: boolean
  /** Deliveries recorded for the cable by this database's release (null for an imported cable). */
  deliveries: { post: string; role: DeliveryRole; precedence: string }[] | null
  /** Whether the replayed recipients are exactly the recorded deliveries (null without deliveries). */
  matchesDeliveries: boolean | null
  /**
   * Where replay and deliveries part, one line a post (`AMEMBASSY BISHKEK: delivered info ROUTINE, not replayed`,
   * `…: replayed action IMMEDIATE, delivered info ROUTINE`); empty when they match, null without deliveries.
   */
  deliveryDifferences: string[] | null
}
