/** Disjoint sets over 0…n-1 with path halving and union by size. */
export class UnionFind {
  readonly #parent: Int32Array
  readonly #size: Int32Array
  constructor(n: number) {
    this.#parent = new Int32Array(n).map((_, i) => i)
    this.#size = new Int32Array(n).fill(1)
  }
  find(x: number): number {
    const parent = this.#parent
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  union(a: number, b: number): void {
    let x = this.find(a)
    let y = this.find(b)
    if (x === y) return
    if (this.#size[x]! < this.#size[y]!) [x, y] = [y, x]
    this.#parent[y] = x
    this.#size[x]! += this.#size[y]!
  }
}
