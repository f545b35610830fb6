/**
 * The portions of a cable's body and the marks they carry: pure, so they live in src/format (the linter reads the
 * same marks the releasable rendering withholds by); re-exported here for the service layer.
 */
export * from '../format/body-portions.js'
