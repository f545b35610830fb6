import type { Rule } from '../types.js'
import { env001, env002, env005, env010, env020 } from './env-format-lines.js'
import { env003, env004, env011, env014, env015 } from './env-precedence.js'
import { env006, env007, env008, env009, env012 } from './env-station.js'
import { env013, env016, env017, env018, env019 } from './env-addressees.js'
import { txt001, txt002, txt003, txt004, txt005 } from './txt-class-line.js'
import { txt006, txt007, txt008, txt013, txt014 } from './txt-eo.js'
import { txt009, txt010, txt011, txt012, txt023 } from './txt-tags-subject.js'
import { txt015, txt016, txt017, txt018, txt019, txt029 } from './txt-portions.js'
import { txt020, txt021, txt022, txt024, txt025 } from './txt-structure.js'
import { txt026, txt027, txt028 } from './txt-captions.js'
import { id001, id002, id003 } from './id-rules.js'

/**
 * Every rule of spec §9, in id order.
 *
 * @example
 *   rules.filter((r) => r.fixable).map((r) => r.id) // ['ENV-003', 'ENV-009', …]
 */
export const rules: readonly Rule[] = [
  env001, env002, env003, env004, env005, env006, env007, env008, env009, env010,
  env011, env012, env013, env014, env015, env016, env017, env018, env019, env020,
  txt001, txt002, txt003, txt004, txt005, txt006, txt007, txt008, txt009, txt010,
  txt011, txt012, txt013, txt014, txt015, txt016, txt017, txt018, txt019, txt020,
  txt021, txt022, txt023, txt024, txt025, txt026, txt027, txt028, txt029,
  id001, id002, id003,
]

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]))
