import { settingMeta } from "../domain/settings.ts"

const secretKeys = new Set(Object.values(settingMeta).filter((meta) => meta.secret === true).map((meta) => meta.key))

// A URL's password can reach a report by other roads than a secret setting (an input named by its URL).
const urlPassword = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi

/** Text with the password of any URL in it hidden (REL-4). */
export const hidePasswords = (text: string): string => text.replace(urlPassword, "$1:(hidden)@")

/**
 * The settings as a report shows them. The pipeline stores secrets as "(set)" already; this holds even if
 * one slipped through, since a report is copied and mailed far more widely than the ledger (REL-4).
 */
export const redactSettings = (settings: Readonly<Record<string, unknown>>): Record<string, string> => {
  const shown: Record<string, string> = {}
  for (const key of Object.keys(settings).sort()) {
    const value = settings[key]
    const text = typeof value === "string" ? value : JSON.stringify(value) ?? ""
    shown[key] = secretKeys.has(key) && text !== "" ? "(set)" : hidePasswords(text)
  }
  return shown
}
