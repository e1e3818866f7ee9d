import { Context } from "effect"
import { resolve } from "node:path"
import { mockOrceStatePath, type Settings } from "../domain/settings.ts"

/**
 * Which ORCE a run synchronizes with, in words a person recognises: the ORCE URL (without any credentials),
 * or the in-process mock ORCE with where it keeps its state. A staging database holds the Relate IDs of one
 * ORCE only, so runs are refused against another (see runs/orce-binding.ts).
 */
export class OrceTarget extends Context.Service<OrceTarget, { readonly description: string }>()("orce-sync/orce/OrceTarget") {}

/** An ORCE URL as a run records it: without any user or password. */
export const describeOrceUrl = (url: string) => {
  const parsed = new URL(url)
  parsed.username = ""
  parsed.password = ""
  return parsed.href.replace(/\/$/, "")
}

export const describeOrceTarget = (settings: Pick<Settings, "orceUrl" | "mockOrceState" | "dataDir">): string => {
  if (settings.orceUrl !== undefined) return describeOrceUrl(settings.orceUrl)
  const state = mockOrceStatePath(settings)
  return state === undefined ? "the in-process mock ORCE (in memory)" : `the in-process mock ORCE (state in ${resolve(state)})`
}
