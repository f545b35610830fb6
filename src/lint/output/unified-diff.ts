/** Lines of context around each change, as `diff -u`. */
const CONTEXT = 3

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number }

/** Line-level edit script: common prefix and suffix are cut first, so a few fixes in a long cable stay cheap. */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++
  let suf = 0
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++
  const x = a.slice(pre, a.length - suf)
  const y = b.slice(pre, b.length - suf)
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0))
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  const ops: Op[] = a.slice(0, pre).map((line, k) => ({ kind: ' ', line, a: k, b: k }))
  let i = 0
  let j = 0
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) ops.push({ kind: ' ', line: x[i], a: pre + i++, b: pre + j++ })
    // deletions first, as diff -u prints them
    else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', line: x[i], a: pre + i++, b: pre + j })
    else ops.push({ kind: '+', line: y[j], a: pre + i, b: pre + j++ })
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', line: a[a.length - suf + k], a: a.length - suf + k, b: b.length - suf + k })
  return ops
}

/**
 * A unified diff (`--- a/FILE`, `+++ b/FILE`, `@@` hunks with 3 lines of context); empty when equal.
 *
 * @example
 *   unifiedDiff('a.txt', 'TAGS: prel\n', 'TAGS: PREL\n')
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return ''
  // lines keep their newline, so a last line without one differs from the same line with one, as in diff -u
  const split = (s: string): string[] => s.match(/[^\n]*\n|[^\n]+$/g) ?? []
  const ops = diffLines(split(before), split(after))
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0)
  const name = file.replace(/^\/+/, '')
  let out = `--- a/${name}\n+++ b/${name}\n`
  let k = 0
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - CONTEXT)
    let end = changed[k]
    while (k < changed.length && changed[k] <= end + 2 * CONTEXT) end = changed[k++]
    const hunk = ops.slice(start, Math.min(ops.length, end + CONTEXT + 1))
    const aLines = hunk.filter((o) => o.kind !== '+').length
    const bLines = hunk.filter((o) => o.kind !== '-').length
    const aStart = hunk[0].a + (aLines === 0 ? 0 : 1)
    const bStart = hunk[0].b + (bLines === 0 ? 0 : 1)
    out += `@@ -${aStart},${aLines} +${bStart},${bLines} @@\n`
    for (const o of hunk) out += o.line.endsWith('\n') ? `${o.kind}${o.line}` : `${o.kind}${o.line}\n\\ No newline at end of file\n`
  }
  return out
}
