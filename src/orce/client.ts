import { Context, Effect, Layer, Schedule, Semaphore } from "effect"
import type { AlternateKey, OrceCustomer, OrceCustomerMessage } from "../domain/orce-customer.ts"
import type { Settings } from "../domain/settings.ts"
import type { AddOrUpdateResponse, GetCustomerResponse, SearchRequest } from "./contract.ts"
import { isRetryable, isUncertain, type OrceError, OrceMaskedResponse, OrceNotFound, OrceUnavailable } from "./errors.ts"
import { maskedCustomerIds } from "./masked.ts"
import { makeRateLimiter } from "./rate-limit.ts"
import { makeAuthorizer, type OrceCredentials } from "./credentials.ts"
import type { OrceCredentialSettings } from "./from-settings.ts"
import { defaultContractChoices, type SoapContractChoices } from "./soap/contract-choices.ts"
import { makeSoapTransport } from "./soap-transport.ts"
import type { Fetch, OrceTransport } from "./transport.ts"

/** The settings the client reads (settings.ts); the layers take them as a value. */
export type OrceSettings =
  & Pick<Settings, "orceUrl" | "orceTimeoutMs" | "orceRetries" | "orceConcurrency" | "orceRequestsPerSecond" | "securityUserId">
  & Partial<OrceCredentialSettings>
  & Partial<
    Pick<
      Settings,
      | "orceServiceSuffix"
      | "orcePhoneTypeAttribute"
      | "orceMergeFromGoesTo"
      | "orceContactPreferenceCodes"
      | "orceFaultCodes"
      | "userId"
    >
  >

export interface OrcePolicy {
  readonly timeoutMs: number
  readonly retries: number
  readonly concurrency: number
  readonly requestsPerSecond?: number | undefined
  /** First retry delay before jitter; doubles per retry. */
  readonly retryBaseDelayMs?: number
  /** Upper bound of one retry delay before jitter. */
  readonly retryMaxDelayMs?: number
}

export const policyFromSettings = (settings: OrceSettings): OrcePolicy => ({
  timeoutMs: settings.orceTimeoutMs,
  retries: settings.orceRetries,
  concurrency: settings.orceConcurrency,
  requestsPerSecond: settings.orceRequestsPerSecond
})

export class OrceClient extends Context.Service<OrceClient, {
  /** Adds or updates by customer ID, else by alt key; answers the ID ORCE holds it under now (SYNC-4). */
  readonly addOrUpdateCustomer: (message: OrceCustomerMessage) => Effect.Effect<AddOrUpdateResponse, OrceError>
  /** A merged-away ID answers its survivor, with `resolvedFrom` set. An unknown ID fails with OrceNotFound. */
  readonly getCustomer: (customerId: string) => Effect.Effect<GetCustomerResponse, OrceError>
  /** As getCustomer, but an ID ORCE does not know answers undefined. */
  readonly findCustomer: (customerId: string) => Effect.Effect<GetCustomerResponse | undefined, OrceError>
  /** Customers in ORCE's order; more than ORCE's lookup limit fails with OrceLookupLimit (SYNC-11). */
  readonly searchCustomers: (query: SearchRequest) => Effect.Effect<ReadonlyArray<OrceCustomer>, OrceError>
  /** Merges one customer into another; answers the survivor's ID. */
  readonly mergeCustomers: (fromCustomerId: string, intoCustomerId: string) => Effect.Effect<string, OrceError>
}>()("orce-sync/orce/OrceClient") {
  /** The client over any transport: timeout per attempt, concurrency and rate limits, retries of OrceUnavailable. */
  static readonly make = Effect.fnUntraced(function*(transport: OrceTransport, policy: OrcePolicy) {
    const semaphore = yield* Semaphore.make(policy.concurrency)
    const throttle = policy.requestsPerSecond === undefined ? undefined : makeRateLimiter(policy.requestsPerSecond)
    const backoff = Schedule.min([
      Schedule.exponential(policy.retryBaseDelayMs ?? 200),
      Schedule.spaced(policy.retryMaxDelayMs ?? 10_000)
    ]).pipe(Schedule.jittered)

    /**
     * `Effect.retry` with the backoff, entered only once an attempt has failed with a retryable error: setting up
     * a retry costs each request microseconds, and almost every request succeeds the first time. The retry
     * starts by failing with that error again, so the schedule sees the same failures, and waits the same
     * delays, as a retry around the first attempt would.
     */
    const withRetries = <A>(limited: Effect.Effect<A, OrceError>): Effect.Effect<A, OrceError> =>
      policy.retries === 0 ? limited : Effect.catchIf(limited, isRetryable, (error) => {
        let replayed = false
        const again = Effect.suspend(() => replayed ? limited : ((replayed = true), Effect.fail(error)))
        return Effect.retry(again, { schedule: backoff, times: policy.retries, while: isRetryable })
      })

    // Without a rate limit its combinator is left out: it costs a request some microseconds.
    const run = <A>(operation: string, attempt: Effect.Effect<A, OrceError>): Effect.Effect<A, OrceError> =>
      attempt.pipe(
        Effect.timeoutOrElse({
          duration: policy.timeoutMs,
          orElse: () =>
            Effect.fail(
              new OrceUnavailable({ operation, reason: "timeout", message: `No answer from ORCE within ${policy.timeoutMs} ms` })
            )
        }),
        // The wait for a rate slot is not ORCE's slowness, so it stays outside the timeout.
        (timed) => throttle === undefined ? timed : Effect.andThen(throttle, timed),
        semaphore.withPermits(1),
        withRetries
      )

    const refuseMasked = (operation: string, customers: ReadonlyArray<OrceCustomer>) => {
      const masked = maskedCustomerIds(customers)
      return masked.length === 0
        ? Effect.void
        : Effect.fail(
          new OrceMaskedResponse({
            operation,
            customerIds: masked,
            message: "ORCE masked the customer's values: the security user lacks read/write authority"
          })
        )
    }

    /** The customer holding one of these alt keys, if any (a read: safe to repeat). */
    const holderOf = Effect.fnUntraced(function*(keys: ReadonlyArray<AlternateKey>) {
      for (const alternateKey of keys) {
        const [found] = (yield* transport.searchCustomers({ alternateKey })).customers
        if (found !== undefined) return found.customerId
      }
      return undefined
    })

    // Untraced: these run once per customer in the hot loop, and a span each costs about a tenth of a request.
    const addOrUpdateCustomer = Effect.fnUntraced(function*(message: OrceCustomerMessage) {
      if (message.customerId !== undefined && message.customerId !== "") {
        return yield* run("addOrUpdateCustomer", transport.addOrUpdateCustomer(message))
      }
      // SYNC-12: a create whose answer was lost (timeout, dropped connection) may have reached ORCE, so
      // before it is sent again the customer is looked up by its alt keys and, when found, updated instead.
      let lookUpFirst = false
      let holder: string | undefined
      const attempt = Effect.gen(function*() {
        if (lookUpFirst) {
          holder = yield* holderOf(message.alternateKeys ?? [])
          lookUpFirst = false
        }
        if (holder === undefined) return yield* transport.addOrUpdateCustomer(message)
        // The lost attempt is the one that created the customer.
        return yield* transport.addOrUpdateCustomer({ ...message, customerId: holder })
      }).pipe(
        Effect.tapError((error) =>
          Effect.sync(() => {
            if (holder === undefined && isUncertain(error)) lookUpFirst = true
          })
        )
      )
      return yield* run("addOrUpdateCustomer", attempt)
    })
    const findCustomer = Effect.fnUntraced(function*(customerId: string) {
      const answer = yield* run("getCustomer", transport.findCustomer(customerId))
      if (answer !== undefined) yield* refuseMasked("getCustomer", [answer.customer])
      return answer
    })
    const getCustomer = Effect.fnUntraced(function*(customerId: string) {
      const answer = yield* findCustomer(customerId)
      if (answer === undefined) {
        return yield* new OrceNotFound({ operation: "getCustomer", message: `Customer ${customerId} not found` })
      }
      return answer
    })
    const searchCustomers = Effect.fnUntraced(function*(query: SearchRequest) {
      const answer = yield* run("searchCustomers", transport.searchCustomers(query))
      yield* refuseMasked("searchCustomers", answer.customers)
      return answer.customers
    })
    const mergeCustomers = Effect.fnUntraced(function*(fromCustomerId: string, intoCustomerId: string) {
      const answer = yield* run("mergeCustomers", transport.mergeCustomers(fromCustomerId, intoCustomerId))
      return answer.customerId
    })

    return OrceClient.of({ addOrUpdateCustomer, getCustomer, findCustomer, searchCustomers, mergeCustomers })
  })

  /** Customer Services v3.1 over SOAP at `endpointUrl`, through the given fetch (global fetch unless injected). */
  static readonly layerSoap = (options: {
    readonly endpointUrl: string
    readonly credentials: OrceCredentials
    readonly securityUserId: string
    readonly policy: OrcePolicy
    readonly choices?: SoapContractChoices
    readonly updateUserId?: string
    readonly fetch?: Fetch
  }): Layer.Layer<OrceClient> => {
    // Looked up per call, not captured: whatever patches the global fetch later (MSW's net in tests) still applies.
    const fetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    return Layer.effect(
      OrceClient,
      OrceClient.make(
        makeSoapTransport({
          endpointUrl: options.endpointUrl,
          securityUserId: options.securityUserId,
          authorizer: makeAuthorizer(options.credentials, fetch),
          choices: options.choices ?? defaultContractChoices,
          updateUserId: options.updateUserId,
          fetch
        }),
        options.policy
      )
    )
  }
}
