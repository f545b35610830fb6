import type { Cable } from '../../format/model.js'
import type { Rendering } from '../../store/store.js'

/** One cable read from an input, parsed, with where it came from. */
export interface ImportItem {
  locator: string
  rendering: Rendering
  sha256: string
  cable: Cable
  /** The cable's own text, lossless (for HTML pages and CSV rows, the telegram inside). */
  text: string
  metadata: Record<string, string>
}

/** Something that could not be read as a cable, with the reason; it never stops an import. */
export interface ImportProblem {
  locator: string
  reason: string
}

/** A file to import and how to read it. */
export interface InputFile {
  path: string
  kind: 'text' | 'html' | 'csv' | 'jsonl' | 'json'
  bytes: number
}

/** Reports bytes consumed so far, for progress and rate. */
export type BytesRead = (bytes: number) => void
