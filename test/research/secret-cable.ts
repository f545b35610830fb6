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
