import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { HttpEnv } from './env.js'

export interface ListenOptions {
  host: string
  /** 0 picks a free port. */
  port: number
}

/** A listening server and how to stop it. */
export interface RunningServer {
  url: string
  server: ServerType
  /**
   * Stops accepting connections, lets in-flight requests finish (long-lived event streams are ended by
   * `onClose` hooks first), then resolves.
   */
  close(): Promise<void>
}

/**
 * Serves `app` on `host:port` with @hono/node-server and resolves once it listens.
 *
 * @example
 *   const running = await listen(app, { host: '127.0.0.1', port: 0 })
 *   console.log(running.url) // http://127.0.0.1:41234
 */
export function listen(app: OpenAPIHono<HttpEnv>, options: ListenOptions, onClose: (() => void)[] = []): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
      const url = `http://${host}:${info.port}`
      let closing: Promise<void> | null = null
      resolve({
        url,
        server,
        close: () =>
          (closing ??= new Promise<void>((done) => {
            for (const hook of onClose) hook()
            server.close(() => done())
            // keep-alive sockets with no request in flight would hold close() open
            if ('closeIdleConnections' in server) (server as { closeIdleConnections(): void }).closeIdleConnections()
          })),
      })
    })
    server.once('error', reject)
  })
}
