import { join } from "node:path"
import { Schema } from "effect"
import { SurvivorshipOverrides } from "./survivorship-rules.ts"

/**
 * Every setting orce-sync reads: the system control values and properties of SPEC.md, then the runtime
 * settings. Values arrive as text (config file, environment, flags) and are decoded here, so a run never
 * starts with a value it cannot use.
 */

const text = Schema.String
const nonEmpty = Schema.NonEmptyString
const wholeNumber = (minimum: number, maximum: number) =>
  Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum, maximum }))
const yesNo = Schema.Literals(["Y", "N"])
const probability = Schema.NumberFromString.check(Schema.isBetween({ minimum: 0, maximum: 1 }))
const secret = Schema.RedactedFromValue(nonEmpty, { label: "secret" })

/**
 * A URL the run can use, parsed as fetch and pg parse it, so a bad one is refused with the other settings
 * instead of failing the run once the database or ORCE is reached. pg reads a URL without a host
 * (`postgres://user@/db?host=/run/postgresql`) as a local socket.
 */
const urlOf = (text: string) => URL.parse(text) ?? URL.parse(text.replace("@/", "@localhost/"))
const isUrl = (protocols: ReadonlyArray<string>) =>
  Schema.makeFilter((text: string) => protocols.includes(urlOf(text)?.protocol ?? ""))
const holdsNoCredentials = Schema.makeFilter((text: string) => {
  const url = urlOf(text)
  return url === null || (url.username === "" && url.password === "")
})

/**
 * fetch refuses a URL holding a user or password, and settings are stored with each run: ORCE's credentials
 * go in ORCE_TOKEN. Request paths are appended to the text as given, so it holds no blank either.
 */
const orceUrl = Schema.String.check(isUrl(["http:", "https:"]), holdsNoCredentials, Schema.isPattern(/^\S+$/))
const postgresUrl = Schema.RedactedFromValue(Schema.String.check(isUrl(["postgres:", "postgresql:"])), { label: "secret" })

const faultCodeList = Schema.optional(Schema.Array(Schema.String))

export const LogLevel = Schema.Literals(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
export type LogLevel = typeof LogLevel.Type

/** Header name in the export → canonical column name (snake_case of the Customer field). */
export const ColumnMapping = Schema.Record(Schema.String, Schema.String)

export const Settings = Schema.Struct({
  integration: text,
  altIdOroms: nonEmpty,
  altIdWeb: nonEmpty,
  dayPhoneLabel: nonEmpty,
  evePhoneLabel: nonEmpty,
  faxPhoneLabel: nonEmpty,
  thirdPhoneType: Schema.Literals(["FAX", "MOBILE"]),
  defaultLocation: text,
  sendProfileData: yesNo,
  securityUserId: nonEmpty,
  userId: nonEmpty,
  mergeCommitSize: wholeNumber(1, 1_000_000),
  dedupeAutoMerge: probability,
  dedupeReview: probability,
  dedupeSurvivorship: Schema.fromJsonString(SurvivorshipOverrides),

  databaseUrl: Schema.optional(postgresUrl),
  sourceDatabaseUrl: Schema.optional(postgresUrl),
  dataDir: nonEmpty,
  orceUrl: Schema.optional(orceUrl),
  orceToken: Schema.optional(secret),
  orceServiceSuffix: Schema.String.check(Schema.isPattern(/^\/\S*$/)),
  orceUser: Schema.optional(nonEmpty),
  orcePassword: Schema.optional(secret),
  orceClientId: Schema.optional(nonEmpty),
  orceClientSecret: Schema.optional(secret),
  orceTokenUrl: Schema.optional(orceUrl),
  orceTokenScope: nonEmpty,
  orcePhoneTypeAttribute: Schema.Literals(["TypeCode", "Label"]),
  orceMergeFromGoesTo: Schema.Literals(["mergeSource", "mergeTargetSet"]),
  orceContactPreferenceCodes: Schema.fromJsonString(Schema.Record(Schema.String, Schema.String)),
  orceFaultCodes: Schema.fromJsonString(Schema.Struct({
    notFound: faultCodeList,
    noneFound: faultCodeList,
    lookupLimit: faultCodeList,
    noAccess: faultCodeList,
    invalidUser: faultCodeList,
    unavailable: faultCodeList,
    altKeyConflict: faultCodeList
  })),
  mockOrceState: Schema.optional(nonEmpty),
  orceTimeoutMs: wholeNumber(1, 600_000),
  orceRetries: wholeNumber(0, 100),
  orceConcurrency: wholeNumber(1, 1024),
  orceRequestsPerSecond: Schema.optional(wholeNumber(1, 1_000_000)),
  chunkSize: wholeNumber(1, 100_000),
  loadChunkSize: wholeNumber(1, 100_000),
  syncConcurrency: wholeNumber(1, 1024),
  maxRejects: Schema.optional(wholeNumber(0, Number.MAX_SAFE_INTEGER)),
  reportsDir: nonEmpty,
  logLevel: LogLevel,
  logFile: nonEmpty,
  columns: Schema.fromJsonString(ColumnMapping)
})
export type Settings = typeof Settings.Type

export interface SettingMeta {
  /** The name used in the config file, in `--set`, and (prefixed with ORCE_SYNC_) in the environment. */
  readonly key: string
  readonly default?: string
  /** What a valid value looks like, for the one-sentence error and the README. */
  readonly allowed: string
  readonly description: string
  /** Secrets come only from the environment or a file named by `<KEY>_FILE` (REL-4). */
  readonly secret?: true
}

export const settingMeta: { readonly [K in keyof Settings]-?: SettingMeta } = {
  integration: {
    key: "L37",
    default: "INTERACT",
    allowed: "any text; only INTERACT sends customers to ORCE",
    description: "ORCE Customer Integration; anything but INTERACT: no customer is sent to ORCE (SYNC-1)"
  },
  altIdOroms: {
    key: "ORCE_ALT_ID_OROMS",
    default: "OROMS_ID",
    allowed: "a non-empty alt-key type",
    description: "ORCE alt-key type holding the OACS customer number"
  },
  altIdWeb: {
    key: "ORCE_ALT_ID_WEB",
    default: "WEB_ID",
    allowed: "a non-empty alt-key type",
    description: "ORCE alt-key type holding the e-commerce ID"
  },
  dayPhoneLabel: {
    key: "ORCE_DAY_PHONE_LABEL",
    default: "BUSINESS",
    allowed: "a non-empty phone type",
    description: "ORCE phone type of the OACS day phone"
  },
  evePhoneLabel: {
    key: "ORCE_EVE_PHONE_LABEL",
    default: "HOME",
    allowed: "a non-empty phone type",
    description: "ORCE phone type of the evening phone"
  },
  faxPhoneLabel: {
    key: "ORCE_FAX_PHONE_LABEL",
    default: "FAX",
    allowed: "a non-empty phone type",
    description: "ORCE phone type of the third phone"
  },
  thirdPhoneType: {
    key: "L53",
    default: "FAX",
    allowed: "FAX or MOBILE",
    description: "Third Phone Number Type"
  },
  defaultLocation: {
    key: "K69",
    default: "",
    allowed: "a store ID, or empty",
    description: "Default Location for ORCE Integration: signup/home store of new ORCE customers"
  },
  sendProfileData: {
    key: "L51",
    default: "N",
    allowed: "Y or N",
    description: "Send Profile Data to ORCE as attributes"
  },
  securityUserId: {
    key: "ORCE_SECURITY_USER_ID",
    default: "ORCE_SECURITY_USER",
    allowed: "a non-empty user ID",
    description: "ORCE security user sent with every request"
  },
  userId: {
    key: "USER_ID",
    default: "BATCH",
    allowed: "a non-empty user ID",
    description: "written as OROMS-<user ID> in ORCE create/update user"
  },
  mergeCommitSize: {
    key: "MERGE_COMMIT_SIZE",
    default: "1000",
    allowed: "a whole number from 1 to 1000000",
    description: "merges per merge set"
  },
  dedupeAutoMerge: {
    key: "DEDUPE_AUTO_MERGE",
    default: "0.99",
    allowed: "a match probability from 0 to 1, not below DEDUPE_REVIEW",
    description: "a duplicate pair at or above this match probability becomes a merge request (DUP-3)"
  },
  dedupeReview: {
    key: "DEDUPE_REVIEW",
    default: "0.8",
    allowed: "a match probability from 0 to 1, not above DEDUPE_AUTO_MERGE",
    description: "a pair at or above this, and below DEDUPE_AUTO_MERGE, is listed for a person to decide (DUP-3)"
  },
  dedupeSurvivorship: {
    key: "DEDUPE_SURVIVORSHIP",
    default: "{}",
    allowed: "a JSON object from field group (name, company, address, email, dayPhone, eveningPhone, thirdPhone, birthDate) to survivor, firstNonBlank, mostRecentNonBlank or mostComplete",
    description: "which member's values the golden record keeps, per field group (DUP-5); a group not named keeps its default (address and birth date mostComplete, email and phones mostRecentNonBlank, name and company firstNonBlank)"
  },
  databaseUrl: {
    key: "DATABASE_URL",
    allowed: "a postgres:// URL, any special character of its password percent-encoded",
    description: "PostgreSQL staging database; when absent the embedded PGlite in DATA_DIR is used",
    secret: true
  },
  sourceDatabaseUrl: {
    key: "SOURCE_DATABASE_URL",
    allowed: "a postgres:// URL, any special character of its password percent-encoded",
    description: "PostgreSQL database holding export tables read by `load --table`; default: the staging database",
    secret: true
  },
  dataDir: {
    key: "DATA_DIR",
    default: ".orce-sync/db",
    allowed: "a directory path",
    description: "data directory of the embedded PGlite staging database"
  },
  orceUrl: {
    key: "ORCE_URL",
    allowed: "an http:// or https:// URL without user or password (ORCE credentials go in ORCE_TOKEN: set ORCE_SYNC_ORCE_TOKEN)",
    description: "ORCE endpoint; when absent the in-process mock ORCE is used"
  },
  orceToken: {
    key: "ORCE_TOKEN",
    allowed: "a non-empty bearer token",
    description: "ORCE bearer token obtained elsewhere, sent as is; or use ORCE_USER/ORCE_PASSWORD, or ORCE_CLIENT_ID/ORCE_CLIENT_SECRET",
    secret: true
  },
  orceServiceSuffix: {
    key: "ORCE_CUSTOMER_SERVICE_SUFFIX",
    default: "/OrceWebServices/v3_1/CustomerServicesApiService",
    allowed: "a path starting with /",
    description: "Customer Services v3.1 endpoint, appended to ORCE_URL (as Order Administration's property of that name, without ?wsdl)"
  },
  orceUser: {
    key: "ORCE_USER",
    allowed: "a non-empty user name",
    description: "ORCE web-service user for HTTP Basic authentication, with ORCE_PASSWORD"
  },
  orcePassword: {
    key: "ORCE_PASSWORD",
    allowed: "a non-empty password",
    description: "password of ORCE_USER",
    secret: true
  },
  orceClientId: {
    key: "ORCE_CLIENT_ID",
    allowed: "a non-empty client ID",
    description: "OAuth 2 client (IDCS / OCI IAM application) ID, with ORCE_CLIENT_SECRET and ORCE_TOKEN_URL: tokens are fetched, cached and renewed"
  },
  orceClientSecret: {
    key: "ORCE_CLIENT_SECRET",
    allowed: "a non-empty client secret",
    description: "OAuth 2 client secret of ORCE_CLIENT_ID",
    secret: true
  },
  orceTokenUrl: {
    key: "ORCE_TOKEN_URL",
    allowed: "an http:// or https:// URL without user or password",
    description: "OAuth 2 token endpoint, e.g. https://idcs-<tenant>.identity.oraclecloud.com/oauth2/v1/token"
  },
  orceTokenScope: {
    key: "ORCE_TOKEN_SCOPE",
    default: "urn:opc:idm:__myscopes__",
    allowed: "a non-empty scope",
    description: "scope asked for with each OAuth 2 token"
  },
  orcePhoneTypeAttribute: {
    key: "ORCE_PHONE_TYPE_ATTRIBUTE",
    default: "TypeCode",
    allowed: "TypeCode or Label",
    description: "check against your ORCE: which Telephone attribute carries the phone type (ORCE_DAY/EVE/FAX_PHONE_LABEL)"
  },
  orceMergeFromGoesTo: {
    key: "ORCE_MERGE_FROM_GOES_TO",
    default: "mergeSource",
    allowed: "mergeSource or mergeTargetSet",
    description: "check against your ORCE: where mergeCustomers puts the customer merged away; the survivor is the ID ORCE answers"
  },
  orceContactPreferenceCodes: {
    key: "ORCE_CONTACT_PREFERENCE_CODES",
    default: "{}",
    allowed: "a JSON object from OACS permission value to ORCE ContactPreferenceCode, e.g. {\"Y\":\"promotions\"}",
    description: "check against your ORCE: the ContactPreferenceCode sent for an address, email or phone permission; values not listed are sent as they are"
  },
  orceFaultCodes: {
    key: "ORCE_FAULT_CODES",
    default: "{}",
    allowed: "a JSON object from notFound, noneFound, lookupLimit, noAccess, invalidUser, unavailable or altKeyConflict to a list of relateExceptionCode values",
    description: "check against your ORCE: which fault codes mean what, replacing the defaults per key (mock-orce/README.md lists them)"
  },
  mockOrceState: {
    key: "MOCK_ORCE_STATE",
    allowed: "a file path, or - to keep the in-process mock in memory only",
    description: "where the in-process mock ORCE keeps its state between runs, saved before each chunk commits; " +
      "by default mock-orce.json in DATA_DIR, so a fresh data directory starts with a fresh mock"
  },
  orceTimeoutMs: {
    key: "ORCE_TIMEOUT_MS",
    default: "10000",
    allowed: "a whole number of milliseconds from 1 to 600000",
    description: "timeout of one ORCE request"
  },
  orceRetries: {
    key: "ORCE_RETRIES",
    default: "4",
    allowed: "a whole number from 0 to 100",
    description: "retries of a retryable ORCE error (timeout, connection error, 5xx)"
  },
  orceConcurrency: {
    key: "ORCE_CONCURRENCY",
    default: "16",
    allowed: "a whole number from 1 to 1024",
    description: "ORCE requests in flight at once"
  },
  orceRequestsPerSecond: {
    key: "ORCE_REQUESTS_PER_SECOND",
    allowed: "a whole number from 1 to 1000000",
    description: "ORCE request rate limit; unlimited when absent"
  },
  chunkSize: {
    key: "CHUNK_SIZE",
    default: "1000",
    allowed: "a whole number from 1 to 100000",
    description: "customers per chunk of a sync: the unit of database commit and of restart"
  },
  loadChunkSize: {
    key: "LOAD_CHUNK_SIZE",
    default: "5000",
    allowed: "a whole number from 1 to 100000",
    description: "rows per committed chunk of a load; an interrupted load is redone whole, so larger chunks lose nothing"
  },
  syncConcurrency: {
    key: "SYNC_CONCURRENCY",
    default: "8",
    allowed: "a whole number from 1 to 1024",
    description: "customers sent to ORCE concurrently"
  },
  maxRejects: {
    key: "MAX_REJECTS",
    allowed: "a whole number",
    description: "a run with more rejects than this fails; unlimited when absent"
  },
  logLevel: {
    key: "LOG_LEVEL",
    default: "info",
    allowed: "trace, debug, info, warn, error, fatal or silent",
    description: "log level; at info and above personal data is masked"
  },
  reportsDir: {
    key: "REPORTS_DIR",
    default: "reports",
    allowed: "a directory path",
    description: "where each run writes its report, in a folder named by the run ID"
  },
  logFile: {
    key: "LOG_FILE",
    default: ".orce-sync/orce-sync.log",
    allowed: "a file path, or - for standard error",
    description: "where the JSON log lines go"
  },
  columns: {
    key: "COLUMNS",
    default: "{}",
    allowed: "a JSON object mapping export header names to orce-sync column names",
    description: "column-name mapping for CSV exports"
  }
}

/**
 * Where the in-process mock ORCE keeps its state, or undefined for memory only: MOCK_ORCE_STATE, else beside the
 * embedded database in DATA_DIR, so another data directory never pairs a fresh staging database with an old ORCE.
 */
export const mockOrceStatePath = (settings: Pick<Settings, "mockOrceState" | "dataDir">): string | undefined =>
  settings.mockOrceState === "-" ? undefined : settings.mockOrceState ?? join(settings.dataDir, "mock-orce.json")
