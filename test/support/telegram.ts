/**
 * A synthetic telegram (invented names and numbers) with a class line, captions, subject and blocks: the one
 * fixture of the marking tests (parser diagnostics in test/format, stored level and caveats in test/archive).
 * An empty subject leaves the SUBJECT line out.
 */
export function markedTelegram(classLine: string, captions: string[], subject: string, blocks: string[]): string {
  return [
    'R 011200Z JAN 26',
    'FM AMEMBASSY ZANZIBAR',
    'TO SECSTATE WASHDC 0001',
    '',
    classLine,
    '',
    ...captions,
    '',
    'E.O. 13526: DECL: 01/01/2036',
    'TAGS: PREL, XX',
    ...(subject ? [`SUBJECT: ${subject}`] : []),
    '',
    ...blocks.flatMap((b) => [b, '']),
    'DOE',
    '',
  ].join('\n')
}
