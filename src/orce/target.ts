import { Context } from "effect"
import { resolve } from "node:path"
import type { Settings } from "../domain/settings.ts"

/**
 * Which ORCE a run synchronizes with, in words a person recognises: the ORCE URL (without any credentials),
 * or the in-process mock ORCE with where it keeps its state. A staging database holds the Relate IDs of one
 * ORCE only, so runs are refused against another (see runs/orce-binding.ts).
 */
export class OrceTarget extends Context.Service<OrceTarget, { readonly description: string }>()("orce-sync/orce/OrceTarget") {}

const withoutCredentials = (url: string) => {
  const parsed = new URL(url)
  parsed.username = ""
  parsed.password = ""
  return parsed.href.replace(/\/$/, "")
}

export const describeOrceTarget = (settings: Pick<Settings, "orceUrl" | "mockOrceState">): string =>
  settings.orceUrl !== undefined
    ? withoutCredentials(settings.orceUrl)
    : settings.mockOrceState === "-"
    ? "the in-process mock ORCE (in memory)"
    : `the in-process mock ORCE (state in ${resolve(settings.mockOrceState)})`
