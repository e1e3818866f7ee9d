/** What a load did with its input: every record is loaded or rejected (VAL-1). */
export interface LoadCounts {
  readonly records: number
  readonly loaded: number
  readonly rejected: number
}

export const emptyCounts: LoadCounts = { records: 0, loaded: 0, rejected: 0 }

export const addCounts = (a: LoadCounts, b: LoadCounts): LoadCounts => ({
  records: a.records + b.records,
  loaded: a.loaded + b.loaded,
  rejected: a.rejected + b.rejected
})
