import type { Settings } from "../domain/settings.ts"
import type { OrceCredentials } from "./credentials.ts"
import { defaultContractChoices, type SoapContractChoices } from "./soap/contract-choices.ts"

/** The ORCE settings as the client takes them: which credentials, and the contract choices. */

export type OrceCredentialSettings = Pick<
  Settings,
  "orceToken" | "orceUser" | "orcePassword" | "orceClientId" | "orceClientSecret" | "orceTokenUrl" | "orceTokenScope"
>

/**
 * The one way of authenticating the settings give, or the sentence saying what is missing. OAuth 2 first,
 * as Oracle recommends it for the cloud, then HTTP Basic, then a token obtained elsewhere.
 */
export const credentialsFromSettings = (settings: Partial<OrceCredentialSettings>): OrceCredentials | string => {
  const oauth = [settings.orceClientId, settings.orceClientSecret, settings.orceTokenUrl]
  if (oauth.some((value) => value !== undefined)) {
    if (settings.orceClientId === undefined || settings.orceClientSecret === undefined || settings.orceTokenUrl === undefined) {
      return "OAuth 2 needs ORCE_CLIENT_ID, ORCE_CLIENT_SECRET and ORCE_TOKEN_URL together"
    }
    return {
      kind: "oauth",
      tokenUrl: settings.orceTokenUrl,
      clientId: settings.orceClientId,
      clientSecret: settings.orceClientSecret,
      ...(settings.orceTokenScope === undefined ? {} : { scope: settings.orceTokenScope })
    }
  }
  if (settings.orceUser !== undefined || settings.orcePassword !== undefined) {
    if (settings.orceUser === undefined || settings.orcePassword === undefined) return "HTTP Basic needs ORCE_USER and ORCE_PASSWORD together"
    return { kind: "basic", user: settings.orceUser, password: settings.orcePassword }
  }
  if (settings.orceToken !== undefined) return { kind: "bearer", token: settings.orceToken }
  return "no ORCE credentials are set"
}

export const choicesFromSettings = (
  settings: Partial<Pick<Settings, "orcePhoneTypeAttribute" | "orceMergeFromGoesTo" | "orceContactPreferenceCodes" | "orceFaultCodes">>
): SoapContractChoices => ({
  phoneTypeAttribute: settings.orcePhoneTypeAttribute ?? defaultContractChoices.phoneTypeAttribute,
  mergeFromGoesTo: settings.orceMergeFromGoesTo ?? defaultContractChoices.mergeFromGoesTo,
  contactPreferenceCodes: settings.orceContactPreferenceCodes ?? defaultContractChoices.contactPreferenceCodes,
  faultCodes: { ...defaultContractChoices.faultCodes, ...settings.orceFaultCodes }
})

/** The endpoint the client POSTs to: ORCE's base URL and the service suffix, as Order Administration builds it. */
export const endpointUrlOf = (orceUrl: string, suffix: string) => orceUrl.replace(/\/+$/, "") + suffix.replace(/\?wsdl$/i, "")
