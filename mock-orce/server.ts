import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { getResponse, type HttpHandler } from "msw"
import { knownBody, rememberBody, rememberSignal } from "../src/orce/known-bodies.ts"

/**
 * MOCK-1, standalone: a node:http server on loopback that turns each request into a Fetch Request for the same
 * MSW handlers the in-process mock uses. A handler answering `Response.error()` gets a destroyed socket, so a
 * dropped connection is a real one; a held request keeps its socket open until the client or the server ends it.
 */

const closeGraceMs = 500

export interface MockOrceServer {
  readonly url: string
  readonly port: number
  readonly close: () => Promise<void>
}

export interface MockOrceServerOptions {
  readonly port: number
  readonly host?: string
  /** The base URL the handlers answer; each request's path is appended to it. */
  readonly handlerBaseUrl: string
}

const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => resolve(chunks.length === 0 ? undefined : Buffer.concat(chunks)))
    request.on("error", reject)
  })

/** The body and the abort signal reach the handlers through src/orce/known-bodies.ts, as from the in-process fetch. */
const toFetchRequest = (request: IncomingMessage, baseUrl: string, body: Buffer | undefined, signal: AbortSignal) => {
  const raw = request.rawHeaders
  const headers: Array<[string, string]> = []
  for (let i = 0; i < raw.length; i += 2) headers.push([raw[i]!, raw[i + 1]!])
  const method = request.method ?? "GET"
  const fetchRequest = rememberSignal(new Request(baseUrl + (request.url ?? "/"), { method, headers }), signal)
  return body === undefined || method === "GET" || method === "HEAD" ? fetchRequest : rememberBody(fetchRequest, body.toString("utf8"))
}

const answer = async (
  handlers: Array<HttpHandler>,
  baseUrl: string,
  request: IncomingMessage,
  response: ServerResponse
): Promise<void> => {
  const aborted = new AbortController()
  response.on("close", () => {
    if (!response.writableFinished) aborted.abort()
  })
  const body = await readBody(request)
  const reply = await getResponse(handlers, toFetchRequest(request, baseUrl, body, aborted.signal))
  if (reply === undefined || reply.type === "error") {
    request.socket.destroy()
    return
  }
  const headers: Record<string, string> = {}
  reply.headers.forEach((value, key) => {
    headers[key] = value
  })
  const payload = knownBody(reply) ?? Buffer.from(await reply.arrayBuffer())
  headers["content-length"] = String(Buffer.byteLength(payload))
  response.writeHead(reply.status, headers)
  response.end(payload)
}

export const startMockOrceServer = (handlers: ReadonlyArray<HttpHandler>, options: MockOrceServerOptions): Promise<MockOrceServer> => {
  const list = [...handlers]
  const host = options.host ?? "127.0.0.1"
  const server = createServer((request, response) => {
    answer(list, options.handlerBaseUrl, request, response).catch(() => request.socket.destroy())
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, host, () => {
      server.off("error", reject)
      const port = (server.address() as AddressInfo).port
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              clearTimeout(force)
              done()
            })
            server.closeIdleConnections()
            // In-flight answers get a moment to finish; requests held by a timeout fault would never finish.
            const force = setTimeout(() => server.closeAllConnections(), closeGraceMs)
          })
      })
    })
  })
}
