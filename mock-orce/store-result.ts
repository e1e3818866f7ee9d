import type { ErrorCode } from "../src/orce/contract.ts"

/** What a store operation answers: a value, or the ORCE error the handlers turn into a 4xx. */
export interface StoreFailure {
  readonly ok: false
  readonly status: number
  readonly code: ErrorCode
  readonly message: string
}
export interface StoreSuccess<A> {
  readonly ok: true
  readonly value: A
}
export type StoreResult<A> = StoreSuccess<A> | StoreFailure

export const succeed = <A>(value: A): StoreSuccess<A> => ({ ok: true, value })
export const fail = (status: number, code: ErrorCode, message: string): StoreFailure => ({ ok: false, status, code, message })
