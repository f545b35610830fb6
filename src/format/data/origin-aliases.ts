/**
 * Origin aliases seen in reference ids and REF lines, mapped to the origin Cablegate uses in reference ids
 * (spec §6.2 step 3). Data, not code: extend it when a new alias is met. TAIPEI and AITTAIPEI are both real
 * Cablegate origins (04TAIPEI3162, 06AITTAIPEI1142), so neither is folded into the other.
 */
export const ORIGIN_ALIASES: Readonly<Record<string, string>> = {
  SECSTATE: 'STATE',
  SECTSTATE: 'STATE',
  WASHDC: 'STATE',
  SECSTATEWASHDC: 'STATE',
  DEPT: 'STATE',
  DEPARTMENT: 'STATE',
  RIO: 'RIODEJANEIRO',
  RIODEJAN: 'RIODEJANEIRO',
  USUN: 'USUNNEWYORK',
  USUNNY: 'USUNNEWYORK',
  NEWYORK: 'USUNNEWYORK',
  USUNNEWYORKNY: 'USUNNEWYORK',
  UNVIE: 'UNVIEVIENNA',
  USUNVIE: 'UNVIEVIENNA',
  PARISFR: 'UNESCOPARISFR',
  USUNESCOPARISFR: 'UNESCOPARISFR',
  USUNESCO: 'UNESCOPARISFR',
  HAGUE: 'THEHAGUE',
  MEXICOCITY: 'MEXICO',
  HCMC: 'HOCHIMINHCITY',
  PAP: 'PORTAUPRINCE',
  BA: 'BUENOSAIRES',
  BRASILA: 'BRASILIA',
  KINSTON: 'KINGSTON',
  GENEVA: 'GENEVA',
  USMISSIONGENEVA: 'GENEVA',
  USNATOBRUSSELS: 'USNATO',
  USEU: 'USEUBRUSSELS',
  CDRUSCENTCOMMACDILLAFBFL: 'USCENTCOM',
}

/** Words that precede an origin in ids and REF lines and are not part of it. */
export const ORIGIN_PREFIXES = ['AMEMBASSY', 'AMCONSUL', 'EMBASSY', 'USMISSION', 'CONSULATE', 'AMEMB', 'EFTO', 'NOFORN', 'SIFIED', 'UNCLASSIFIED', 'UNCLAS'] as const

/** Ids damaged beyond rules (spec §6.2 step 1), mapped to the id their header names. */
export const KNOWN_BAD_IDS: Readonly<Record<string, string>> = {
  '06MADRID002583ZFR2585': '06MADRID2583',
  '90STATE255577TOSEC140323': '90STATE255577',
}
