/** Small helpers every route answers through, built once rather than per request. */

import { knownBody, rememberBody } from "../src/orce/known-bodies.ts"

const jsonHeaders: HeadersInit = { "content-type": "application/json" }

export interface Answer {
  readonly status: number
  readonly body: unknown
}

export const answer = (status: number, body: unknown): Answer => ({ status, body })

export const errorAnswer = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } }
})

export const toResponse = (reply: Answer): Response => {
  const text = JSON.stringify(reply.body)
  return rememberBody(new Response(text, { status: reply.status, headers: jsonHeaders }), text)
}

/** Reads a JSON body; `undefined` for none, a SyntaxError-free marker for garbage. */
export const invalidJson: unique symbol = Symbol("invalidJson")
export const readJson = async (request: Request): Promise<unknown> => {
  const text = knownBody(request) ?? (await request.text())
  if (text === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return invalidJson
  }
}
