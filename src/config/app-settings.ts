import { Context } from "effect"
import type { Settings } from "../domain/settings.ts"

/** The settings of the current run, decoded once by the CLI and provided to every stage. */
export class AppSettings extends Context.Service<AppSettings, Settings>()("orce-sync/config/AppSettings") {}
