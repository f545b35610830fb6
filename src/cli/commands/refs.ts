import type { Command } from 'commander'
import { graphDot, graphTree } from '../../archive/output/write-graph.js'
import { referenceGraph } from '../../archive/reference-graph.js'
import type { ReaderFlags } from '../../archive/open-archive.js'
import type { Io } from '../io.js'
import type { SetExit } from './index.js'
import { openForReading, readerOptions } from './show.js'
import { oneOf, wholeNumber } from '../option-values.js'

/** `cable refs ID --depth N`: the reference graph both ways, as a tree, JSON or DOT. */
export function registerRefs(program: Command, io: Io, setExit: SetExit): void {
  readerOptions(program.command('refs'))
    .description('the reference graph around a cable: what it cites and what cites it')
    .argument('<id>', 'reference id')
    .option('--depth <n>', 'hops to follow', '1')
    .option('--format <format>', 'tree, json or dot', 'tree')
    .action(async (id: string, opts: ReaderFlags & { depth: string; format: string }) => {
      const depth = wholeNumber('--depth', opts.depth, 1, 10)
      oneOf('--format', opts.format, ['tree', 'json', 'dot'] as const)
      const { store, access, reader } = await openForReading(opts, io)
      try {
        const graph = await referenceGraph(store, id, depth, access)
        if (!graph) {
          await reader.auditMissing(store, 'refs', id)
          io.stderr.write(`cable: ${id} is not in the archive\n`)
          setExit(1)
          return
        }
        io.stdout.write(opts.format === 'json' ? JSON.stringify(graph, null, 2) + '\n' : opts.format === 'dot' ? graphDot(graph) : graphTree(graph))
      } finally {
        await reader.close()
        await store.close()
      }
    })
}
