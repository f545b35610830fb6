/** The query AST lives with the store contracts (engines compile it); the archive layer re-exports it. */
export * from '../../store/query/ast.js'
