/** The title, name and organisation word lists (moved to src/format/data so the pure core can read them). */
export * from '../../format/data/person-titles.js'
