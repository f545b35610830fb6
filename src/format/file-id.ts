import { canonicalId } from './ids.js'

/**
 * The reference id a file is named by, as archives name their files (`cables/09STATE99704.txt`,
 * `cable/2009/09/09STATE99704.html`); undefined when the name is no id. Parsers take it as a hint only
 * where the text is silent (partial records state no year).
 *
 * @example
 *   idFromFileName('corpus/cables/00HARARE5461.txt') // '00HARARE5461'
 *   idFromFileName('notes.txt')                      // undefined
 */
export function idFromFileName(path: string): string | undefined {
  const name = path.split(/[\\/]/).pop() ?? ''
  const stem = name.replace(/\.(txt|html?|json)$/i, '')
  return /^\d{2,4}[A-Za-z]/.test(stem) && canonicalId(stem) ? stem : undefined
}
