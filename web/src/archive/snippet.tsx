/** Renders an API snippet, whose matches are marked «like this», with <mark> elements. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/«([^»]*)»/)
  return <p class="snippet">{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p))}</p>
}
