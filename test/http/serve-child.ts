import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO } from '../support/built.js'

const bin = join(REPO, 'bin', 'cable.js')

/** Starts `cable serve` and resolves with its URL once it prints it. */
export function startServe(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  let out = ''
  let err = ''
  child.stderr!.on('data', (d) => (err += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d
      const url = out.match(/at (http:\/\/[^/\s]+)\//)?.[1]
      if (url) resolve({ child, url, stderr: () => err, exited })
    })
    void exited.then((code) => reject(new Error(`cable serve exited ${code}: ${err}`)))
  })
}
