/**
 * The envelope, class line (SECRET, NOFORN caption), E.O., TAGS, (C) subject and Classified By line of the synthetic
 * SECRET cable the redaction and portion-access tests share; each test writes its own numbered paragraphs after it.
 */
export const SECRET_CABLE_HEAD = `O 121530Z MAR 09
FM AMEMBASSY DUSHANBE
TO SECSTATE WASHDC IMMEDIATE 0042

S E C R E T DUSHANBE 000123

NOFORN
SIPDIS

E.O. 12958: DECL: 03/12/2019
TAGS: PREL PGOV TI
SUBJECT: (C) INVENTED TALKS ON THE RIVER TREATY

Classified By: Ambassador Ada Quill, reasons 1.4 (b) and (d).

`

/**
 * A synthetic SECRET cable laid out without the empty lines the format puts between its parts, so the parser
 * folds body text into header segments: an attention-like text line in the captions block, a continuation of the
 * Classified By line, (S) and (C) paragraphs run on after it without an empty line, and a line after the
 * signature. Words: `cobalt` (captions, unmarked), `tamarind` (continuation, unmarked), `falcon` (S), `heron`
 * (C), `lantern` (U, a paragraph of its own), `ember` (after the signature, unmarked).
 */
export const FOLDED_SECRET_CABLE = `O 151530Z MAR 09
FM AMEMBASSY DUSHANBE
TO SECSTATE WASHDC IMMEDIATE 0046

S E C R E T DUSHANBE 000126

SIPDIS
The weir captain hid the cobalt ledger.

E.O. 12958: DECL: 03/12/2019
TAGS: PREL PGOV TI
SUBJECT: (C) INVENTED TALKS ON THE SLUICE

Classified By: Ambassador Ada Quill, reasons 1.4 (b) and (d).
Her deputy added that the tamarind file is closed.
1. (S) The falcon envoy will defect in June.
2. (C) The heron delegation arrives on Monday.

3. (U) The lantern treaty was signed in 1961.

QUILL

signatureleak ember
`

/**
 * A synthetic SECRET cable of the invented post QUORIN (SIPDIS, E.O., TAGS, a (C) subject and a Classified By line)
 * whose text after the header is `body`; `serial` makes its id `08QUORIN{serial}`.
 */
export const quorinSecretCable = (serial: number, subject: string, body: string) => `P 151200Z FEB 08
FM AMEMBASSY QUORIN
TO SECSTATE WASHDC PRIORITY 0001

S E C R E T QUORIN 000${serial}

SIPDIS

E.O. 12958: DECL: 02/15/2018
TAGS: PREL PGOV
SUBJECT: (C) ${subject}

Classified By: Ambassador Ona Quill for reasons 1.4 (b) and (d).

${body}`
