/**
 * The invented telegram 08VELDORA452, sent in three sections, as the section tests import it (test/research: sections,
 * section-version-numbers, version-import-order): each section repeats its header and class line
 * (`S E C R E T SECTION 0n OF 03 VELDORA 000452`) and captions. Synthetic: invented post, names and numbers.
 */

/** Section `n` of 3: the repeated header, `caption` (NOFORN unless given) and `body`. */
export const section = (n: number, body: string, caption = 'NOFORN'): string => `R 181200Z MAR 08
FM AMEMBASSY VELDORA
TO SECSTATE WASHDC 4321

S E C R E T SECTION 0${n} OF 03 VELDORA 000452

${caption}

E.O. 12958: DECL: 03/18/2018
TAGS: PREL, PGOV
SUBJECT: INVENTED HARBOUR DISPUTE

${body}
`
/** Paragraph 3 with the minister's name (section 2 unredacted). */
export const P3 = '3. (C) Gammakestrel Minister Orlan Vesk told poloff the port would close.'
/** Paragraph 4 and the signature (section 3). */
export const P4 = '4. (U) Deltakestrel the ships left at dawn.\n\nHOLM'
export const S1 = section(1, '1. (S//NF) Alphakestrel the harbour board met in closed session.\n\n2. (C) Betakestrel the minister spoke')
/** Section 2 with the name withheld by the publisher. */
export const S2 = section(2, '3. (C) Gammakestrel XXXXXXXXXXXX told poloff the port would close.')
/** Section 2 with the name restored. */
export const S2U = section(2, P3)
export const S3 = section(3, P4, 'NOFORN ORCON')
/** The whole telegram as one text whose section breaks were lost: its class line says SECTION 01 OF 03. */
export const LOST = `${S1.trimEnd()}\n\n${P3}\n\n${P4}\n`
/** The whole telegram as one text holding its sections byte for byte as they are assembled. */
export const WHOLE = `${S1.trimEnd()}\n\n${S2U.trimEnd()}\n\n${S3.trimEnd()}\n`
