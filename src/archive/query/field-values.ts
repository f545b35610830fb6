/** Field-value meanings live with the store contracts (every engine compiles them); re-exported for the parser. */
export * from '../../store/query/field-values.js'
