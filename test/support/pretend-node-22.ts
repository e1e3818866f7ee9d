// Preloaded (node --import) into a Node 24 so that it says it is Node 22: bin/orce-sync.js then hands over to
// the bundled Node as it does on a machine with an older Node, whatever Node this machine has.
Object.defineProperty(process, "versions", { value: { ...process.versions, node: "22.12.0" } })
