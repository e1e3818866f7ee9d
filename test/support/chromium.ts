import { Effect } from "effect"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { chromium, type Page } from "playwright-core"

/**
 * Debian's chromium package, which .ci/run installs. Without it (a fresh machine running `npm test`) the
 * browser tests are reported as skipped, and .ci/run fails on any skipped test, so CI never goes without it.
 */
export const executablePath = "/usr/bin/chromium"
export const browserMissing = !existsSync(executablePath)

/** What the page did beyond drawing itself: the URLs it asked for and the errors it logged or threw. */
export interface PageActivity {
  readonly requests: ReadonlyArray<string>
  readonly errors: ReadonlyArray<string>
}

/**
 * Opens a report page in headless Chromium as a person would, with the network out of reach, in a window
 * `width` pixels wide, and reads it with `read`.
 */
export const inChromium = <A>(htmlPath: string, width: number, read: (page: Page, activity: PageActivity) => Promise<A>) =>
  Effect.promise(async (): Promise<A> => {
    const profile = mkdtempSync(join(tmpdir(), "orce-sync-chromium-"))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      offline: true,
      viewport: { width, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    })
    try {
      const requests: Array<string> = []
      const errors: Array<string> = []
      context.on("request", (request) => requests.push(request.url()))
      const page = await context.newPage()
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") errors.push(message.text())
      })
      page.on("pageerror", (error) => errors.push(error.message))
      await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" })
      return await read(page, { requests, errors })
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })
