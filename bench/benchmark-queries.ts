/**
 * The 20 benchmark queries (fields, phrases, boolean, NEAR, prefixes, dates), shared by bench:archive
 * (in-process latency) and bench:web (Enter to results painted in the browser).
 */
export const BENCHMARK_QUERIES = [
  'nuclear',
  '"human rights"',
  'election OR elections',
  'sanctions AND centrifuges',
  'corruption -court',
  'terror*',
  'reactor NEAR/5 inspectors',
  'tag:PREL',
  'tag:KNNP uranium',
  'origin:BAGHDAD bombing',
  'class>=SECRET',
  'class:NOFORN tag:PTER',
  'to:"AMEMBASSY PARIS"',
  'subject:energy',
  'date:2009-09..2009-12 ceasefire',
  'precedence:IMMEDIATE refugees',
  'caption:SIPDIS humanitarian',
  '(oil OR gas) AND pipeline',
  'id:09STATE1*',
  '"nuclear enrichment" date:2008',
]
