import type { Settings } from "../domain/settings.ts"
import { layerPglite, layerPostgres } from "./database.ts"

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite in DATA_DIR. */
export const databaseLayer = (settings: Settings) =>
  settings.databaseUrl === undefined ? layerPglite(settings.dataDir) : layerPostgres(settings.databaseUrl)
