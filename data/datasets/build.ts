/**
 * Writes the hand-made inputs of the datasets orce-holds-customers, sync-after-orce-merges,
 * orders-guest-and-registered, orders-orce-unreachable and nightly-duplicates: their ORCE snapshots (built through the mock's
 * store, so the IDs are the ones the mock gives), customers and order messages. The generated datasets
 * (clean-export, dirty-export, faulty-orce) come from `orce-sync generate` (see README.md). After a change
 * here: node data/datasets/build.ts, then orce-sync replay data/datasets/ --update-expected.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { OrceStore } from "../../mock-orce/store.ts"
import { deltaExport, nightExports } from "./nightly-exports.ts"

const header = "customer_number,first_name,last_name,company,street,city,state,postal_code,country,email,relate_id,ecommerce_id,sync_flag"
const csv = (rows: Array<Record<string, string>>) =>
  [header, ...rows.map((r) => header.split(",").map((c) => r[c] ?? "").join(","))].join("\n") + "\n"
const home = (street: string, city: string, state: string, postalCode: string) =>
  [{ type: "HOME", primary: true, address1: street, city, state, postalCode, country: "US" }]
const web = (store: OrceStore, m: any) => {
  const r = store.addOrUpdate({ source: "Web", createUser: "WEBSHOP", updateUser: "WEBSHOP", ...m })
  if (!r.ok) throw new Error(r.message)
  return r.value.customerId
}
const email = (address: string) => [{ type: "HOME", primary: true, address }]
const oroms = (value: string) => ({ type: "OROMS_ID", value })
const webKey = (value: string) => ({ type: "WEB_ID", value })
const save = (dataset: string, name: string, text: string) => {
  const dir = join(import.meta.dirname, dataset.replace("data/datasets/", ""))
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, name), text)
}
const snap = (store: OrceStore) => JSON.stringify({ ...store.exportSnapshot(), customers: store.exportSnapshot().customers.map(({ createDate, updateDate, ...c }: any) => c) }, null, 2) + "\n"

// ---- orce-holds-customers (export) and sync-after-orce-merges (sync)
{
  const store = new OrceStore({ seed: "orce-holds-customers" })
  const a = web(store, { firstName: "ADA", lastName: "LOVELACE", addresses: home("1 ANALYTICAL ST", "NEW YORK", "NY", "10001"), emails: email("ada@example.com") })
  const b1 = web(store, { firstName: "BOB", lastName: "OTHER", alternateKeys: [oroms("9999")], emails: email("bob@example.com") })
  const b2 = web(store, { firstName: "BOB", lastName: "BAKER", emails: email("bob@example.com") })
  const c = web(store, { firstName: "CAROL", lastName: "CHEN", alternateKeys: [oroms("8888")], emails: email("carol@example.com") })
  const d = web(store, { firstName: "DAN", lastName: "DOE", alternateKeys: [oroms("2004")], emails: email("dan@example.com") })
  const e = web(store, { firstName: "DANIEL", lastName: "DOE", emails: email("daniel.doe@example.com") })
  const f = web(store, { firstName: "FAY", lastName: "FOX", alternateKeys: [webKey("WEB-77")], emails: email("fay@example.com") })
  const g = web(store, { firstName: "GUS", lastName: "GRAY", alternateKeys: [oroms("2007")], emails: email("gus@example.com") })
  const h = web(store, { firstName: "GUS", lastName: "GRAY", emails: email("gus.gray@example.com") })
  const merged1 = store.merge(d, e); if (!merged1.ok) throw new Error("merge")
  const merged2 = store.merge(g, h); if (!merged2.ok) throw new Error("merge")
  const rows = [
    { customer_number: "2001", first_name: "ADA", last_name: "LOVELACE", street: "1 ANALYTICAL ST", city: "NEW YORK", state: "NY", postal_code: "10001", country: "US", email: "ada@example.com" },
    { customer_number: "2002", first_name: "BOB", last_name: "BAKER", street: "2 OVEN RD", city: "CHICAGO", state: "IL", postal_code: "60601", country: "US", email: "bob@example.com" },
    { customer_number: "2003", first_name: "CAROL", last_name: "CHEN", street: "3 PINE AVE", city: "SEATTLE", state: "WA", postal_code: "98101", country: "US", email: "carol@example.com" },
    { customer_number: "2004", first_name: "DAN", last_name: "DOE", street: "4 ELM ST", city: "BOSTON", state: "MA", postal_code: "02134", country: "US", email: "dan@example.com", relate_id: d },
    { customer_number: "2005", first_name: "FAY", last_name: "FOX", street: "5 DEN LN", city: "NEW YORK", state: "NY", postal_code: "10001", country: "US", email: "fay.fox@example.com", ecommerce_id: "WEB-77" },
    { customer_number: "2006", first_name: "IVO", last_name: "IVES", street: "6 GONE WAY", city: "CHICAGO", state: "IL", postal_code: "60601", country: "US", relate_id: "999999999999" },
    { customer_number: "2007", first_name: "GUS", last_name: "GRAY", street: "7 STONE CT", city: "SEATTLE", state: "WA", postal_code: "98101", country: "US", email: "gus@example.com", relate_id: g },
    { customer_number: "2008", first_name: "JO", last_name: "JONES", street: "8 NEW RD", city: "BOSTON", state: "MA", postal_code: "02134", country: "US", email: "jo@example.com" },
    { customer_number: "2009", first_name: "KIM", last_name: "KANE", street: "9 NO MAIL ST", city: "NEW YORK", state: "NY", postal_code: "10001", country: "US" }
  ]
  save("data/datasets/orce-holds-customers", "orce-snapshot.json", snap(store))
  save("data/datasets/orce-holds-customers", "customers.csv", csv(rows))
  save("data/datasets/sync-after-orce-merges", "orce-snapshot.json", snap(store))
  // As SYNCRDB finds staging after an earlier export: some flagged, some not, Relate IDs from before the merges.
  save("data/datasets/sync-after-orce-merges", "staging.csv", csv([
    { ...rows[0]!, relate_id: a, sync_flag: "N" },
    { ...rows[1]!, relate_id: b2, sync_flag: "Y", street: "22 OVEN RD" },
    { ...rows[3]!, sync_flag: "Y" },
    { ...rows[4]!, sync_flag: "Y" },
    { ...rows[5]!, sync_flag: "Y" },
    { ...rows[6]!, sync_flag: "Y" },
    { ...rows[7]!, sync_flag: "Y" },
    { ...rows[8]!, sync_flag: "N" }
  ]))
}

// ---- orders
const ordersStore = () => {
  const store = new OrceStore({ seed: "orders" })
  const ids = {
    r1: web(store, { firstName: "ANNA", lastName: "ABBOTT", alternateKeys: [oroms("3001"), webKey("WEB-1")], emails: email("anna@example.com") }),
    r2: web(store, { firstName: "BEN", lastName: "BOYD", alternateKeys: [oroms("3002")], emails: email("ben@example.com") }),
    r3: web(store, { firstName: "CLEO", lastName: "CRUZ", alternateKeys: [oroms("3003")], emails: email("cleo@example.com") }),
    r4: web(store, { firstName: "CLEO", lastName: "CRUZ", alternateKeys: [webKey("WEB-4")], emails: email("cleo.cruz@example.com") }),
    r5: web(store, { firstName: "EVE", lastName: "EVANS", alternateKeys: [webKey("WEB-5")], emails: email("eve@example.com") }),
    r6: web(store, { firstName: "DORA", lastName: "DIAZ", emails: email("dora@example.com") }),
    g1: web(store, { firstName: "GIL", lastName: "GOLD", alternateKeys: [oroms("7777")], emails: email("gil@example.com") }),
    g2: web(store, { firstName: "GIL", lastName: "GOLD", emails: email("gil@example.com") }),
    r8: web(store, { firstName: "HAL", lastName: "HUNT", alternateKeys: [oroms("3008")], emails: email("hal@example.com") }),
    k1: web(store, { firstName: "KAI", lastName: "KERR", alternateKeys: [oroms("6666")], emails: email("kai@example.com") }),
    w10: web(store, { firstName: "LIV", lastName: "LANE", alternateKeys: [webKey("WEB-10")], emails: email("liv@example.com") })
  }
  return { store, ids }
}
{
  const { store, ids } = ordersStore()
  const customers = [
    { customer_number: "3001", first_name: "ANNA", last_name: "ABBOTT", street: "1 OLD ST", city: "NEW YORK", state: "NY", postal_code: "10001", country: "US", email: "anna@example.com", relate_id: ids.r1 },
    { customer_number: "3002", first_name: "BEN", last_name: "BOYD", street: "2 BAY RD", city: "CHICAGO", state: "IL", postal_code: "60601", country: "US", email: "ben@example.com", relate_id: ids.r2 },
    { customer_number: "3003", first_name: "CLEO", last_name: "CRUZ", street: "3 CLIFF AVE", city: "SEATTLE", state: "WA", postal_code: "98101", country: "US", email: "cleo@example.com", relate_id: ids.r3 },
    { customer_number: "3004", first_name: "DORA", last_name: "DIAZ", street: "4 DUNE LN", city: "BOSTON", state: "MA", postal_code: "02134", country: "US", email: "dora@example.com" },
    { customer_number: "3005", first_name: "EMIL", last_name: "EDGE", street: "5 EDGE ST", city: "NEW YORK", state: "NY", postal_code: "10001", country: "US" },
    { customer_number: "3006", first_name: "FERN", last_name: "FINCH", street: "6 FIR RD", city: "CHICAGO", state: "IL", postal_code: "60601", country: "US" },
    { customer_number: "3007", first_name: "GIL", last_name: "GOLD", street: "7 GLEN ST", city: "SEATTLE", state: "WA", postal_code: "98101", country: "US" },
    { customer_number: "3008", first_name: "HAL", last_name: "HUNT", street: "8 HILL RD", city: "BOSTON", state: "MA", postal_code: "02134", country: "US", email: "hal@example.com", relate_id: ids.r8 },
    { customer_number: "3009", first_name: "IDA", last_name: "IRWIN", street: "9 IVY LN", city: "NEW YORK", state: "NY", postal_code: "10001", country: "US" },
    { customer_number: "3010", first_name: "LIV", last_name: "LANE", street: "10 LAKE DR", city: "CHICAGO", state: "IL", postal_code: "60601", country: "US" }
  ]
  const m = (o: Record<string, unknown>) => JSON.stringify(o)
  const orders = [
    // ORD-1: registered, OACS number and Relate ID passed, flag Y: OACS address updated, no ORCE call
    m({ customer_number: "3001", orce_customer_id: ids.r1, first_name: "Anna", last_name: "Abbott", street: "11 New St", city: "New York", state: "NY", postal_code: "10001", country: "US", relate_cust_sync_success: "Y", sold_to_address_update: "Y" }),
    // ORD-1: registered, only the ORCE customer ID passed, which is 3002's Relate ID
    m({ orce_customer_id: ids.r2, first_name: "Ben", last_name: "Boyd", street: "2 Bay Rd", city: "Chicago", state: "IL", postal_code: "60601", country: "US", relate_cust_sync_success: "Y", sold_to_address_update: "Y" }),
    // ORD-4: customer 3003 holds another Relate ID than the one passed: new OACS customer synchronized with r4
    m({ customer_number: "3003", orce_customer_id: ids.r4, ecommerce_id: "WEB-4", first_name: "Cleo", last_name: "Cruz", street: "33 Other Ave", city: "Seattle", state: "WA", postal_code: "98101", country: "US", email: "cleo.cruz@example.com", relate_cust_sync_success: "Y", sold_to_address_update: "Y" }),
    // ORD-4 (flag Y, no OACS match): new registered customer, ORCE ID passed: created in OACS, r5 given the OROMS key, no email search
    m({ orce_customer_id: ids.r5, ecommerce_id: "WEB-5", first_name: "Eve", last_name: "Evans", street: "50 Elm Ct", city: "Boston", state: "MA", postal_code: "02134", country: "US", email: "eve@example.com", relate_cust_sync_success: "Y", sold_to_address_update: "Y" }),
    // ORD-2: 3004 has no Relate ID but an email in OACS: customer number alone, Relate ID by the OACS email (r6)
    m({ customer_number: "3004", relate_cust_sync_success: "N", sold_to_address_update: "N" }),
    // ORD-2: 3005 has no email: customer number + email; ORCE has none with it, so ORCE creates the customer
    m({ customer_number: "3005", email: "emil@example.com", relate_cust_sync_success: "N", sold_to_address_update: "N" }),
    // ORD-2: 3006 has no email and the message gives none: no Relate ID update, no ORCE call
    m({ customer_number: "3006", relate_cust_sync_success: "N", sold_to_address_update: "N" }),
    // ORD-3 guest: matchcode finds 3007 (no Relate ID); ORCE email search: first without an OROMS key (g2)
    m({ first_name: "Gil", last_name: "Gold", street: "7 Glen Street", city: "Seattle", state: "WA", postal_code: "98101-1234", country: "US", email: "gil@example.com", relate_cust_sync_success: "N", sold_to_address_update: "Y" }),
    // ORD-3 guest: matchcode finds 3008 with its Relate ID: OACS and ORCE both updated
    m({ first_name: "Hal", last_name: "Hunt", street: "8 Hill Road", apartment: "Apt 2", city: "Boston", state: "MA", postal_code: "02134", country: "US", email: "hal@example.com", relate_cust_sync_success: "N", sold_to_address_update: "Y" }),
    // ORD-3 guest, no OACS match, no ORCE match by email: created in both
    m({ first_name: "Jan", last_name: "Jett", street: "12 Jade St", city: "Chicago", state: "IL", postal_code: "60601", country: "US", email: "jan@example.com", relate_cust_sync_success: "N", sold_to_address_update: "Y" }),
    // ORD-3 guest, no OACS match; ORCE's only match by email has an OROMS key: the first returned is taken
    m({ first_name: "Kai", last_name: "Kerr", street: "13 Kite Ave", city: "Seattle", state: "WA", postal_code: "98101", country: "US", email: "kai@example.com", relate_cust_sync_success: "N", sold_to_address_update: "Y" }),
    // ORD-3: customer number 3999 no longer in OACS (merge/purge): matchcode finds 3009 without Relate ID
    m({ customer_number: "3999", first_name: "Ida", last_name: "Irwin", street: "9 Ivy Lane", city: "New York", state: "NY", postal_code: "10001", country: "US", relate_cust_sync_success: "N", sold_to_address_update: "Y" }),
    // ORD-4 (flag Y, e-commerce ID only): matchcode finds 3010 without a Relate ID: synchronized by alt keys, ORCE's WEB-10 holder updated
    m({ ecommerce_id: "WEB-10", first_name: "Liv", last_name: "Lane", street: "10 Lake Dr", city: "Chicago", state: "IL", postal_code: "60601", country: "US", relate_cust_sync_success: "Y", sold_to_address_update: "Y" }),
    // Bad messages: each a reject naming its line, field and reason
    m({ customer_number: "3001", relate_cust_sync_success: "X", sold_to_address_update: "Y", last_name: "Abbott" }),
    "{ not json",
    m({ customer_number: "12A", email: "not-an-email", relate_cust_sync_success: "N", sold_to_address_update: "N" }),
    m({ relate_cust_sync_success: "N", sold_to_address_update: "Y", street: "1 Nameless St" })
  ]
  save("data/datasets/orders-guest-and-registered", "orce-snapshot.json", snap(store))
  save("data/datasets/orders-guest-and-registered", "customers.csv", csv(customers))
  save("data/datasets/orders-guest-and-registered", "orders.ndjson", orders.join("\n") + "\n")

  // ORD-5: the same ORCE, unreachable
  const unreachable = [
    // ORD-1 needs no ORCE call: unaffected
    orders[0]!,
    // ORD-2 by the OACS email: ORCE unreachable → flag set
    orders[4]!,
    // guest with an e-commerce ID, no OACS match: created in OACS, ORCE unreachable → flag set, e-commerce ID kept
    m({ ecommerce_id: "WEB-99", first_name: "Max", last_name: "Moss", street: "99 Moor Rd", city: "Boston", state: "MA", postal_code: "02134", country: "US", email: "max@example.com", relate_cust_sync_success: "N", sold_to_address_update: "Y" }),
    // registered, flag Y, no OACS match: ORCE unreachable → flag set, e-commerce ID kept
    orders[3]!
  ]
  save("data/datasets/orders-orce-unreachable", "orce-snapshot.json", snap(store))
  save("data/datasets/orders-orce-unreachable", "customers.csv", csv(customers))
  save("data/datasets/orders-orce-unreachable", "orders.ndjson", unreachable.join("\n") + "\n")
}

// ---- nightly-duplicates (nightly): a first night with duplicates across customers, sites and activity, and the
// delta of the night after, which changes two customers and brings one new duplicate.
{
  const dataset = "data/datasets/nightly-duplicates"
  for (const [name, text] of Object.entries(nightExports(40, 6))) save(dataset, name, text)
  save(dataset, "delta-customers.csv", deltaExport([1010, 1020], [2007]))
}
