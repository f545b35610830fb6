import type { Span } from '../format/model.js'

/** Formats a span as `line:col-line:col` (end exclusive), the notation of rule examples and docs. */
export function formatSpan(span: Span): string {
  return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`
}
