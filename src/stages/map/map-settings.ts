import type { Settings } from "../../domain/settings.ts"

/** The settings mapping reads; a full Settings fits, and tests need not invent database or ORCE settings. */
export type MapSettings = Pick<
  Settings,
  | "altIdOroms"
  | "altIdWeb"
  | "dayPhoneLabel"
  | "evePhoneLabel"
  | "faxPhoneLabel"
  | "thirdPhoneType"
  | "defaultLocation"
  | "sendProfileData"
  | "userId"
>

/** MAP-12: the create and update user written on ORCE customers. */
export const oromsUser = (settings: MapSettings): string => `OROMS-${settings.userId}`

/** ORCE's address and email type that OACS maps (MAP-6, MAP-9). */
export const HOME = "HOME"
