/**
 * The options orce-sync's Node starts with, however it is started. bin/orce-sync.js's first line and
 * package.json's `start`, `orce-sync` and `bench` scripts spell them out (a test keeps them equal to this
 * list); the tests start their Node, and every CLI they run, with the same.
 *
 * - `--max-semi-space-size=32`: a thread's young generation stays at 32 MB per semi-space ("Memory" in
 *   README.md).
 * - `--no-wasm-code-gc`: the V8 of Node 24 (13.6) can free a WebAssembly import wrapper twice when its
 *   wasm code GC runs on one thread while another thread tiers the same wrapper up. PGlite's instances share
 *   those wrappers across threads, so a process that opens and closes PGlite instances now and then dies of
 *   SIGTRAP (`Check failed: jit_page_->allocations_.erase(addr) == 1`) or SIGSEGV (nodejs/node#64500; V8
 *   fixed it in 9b8ca54d5a, which Node 24.21 does not have). Without code GC a thread keeps the wasm code it
 *   no longer runs until its PGlite closes.
 */
export const nodeOptions = ["--max-semi-space-size=32", "--no-wasm-code-gc"] as const
