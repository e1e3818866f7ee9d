import { http, type HttpHandler } from "msw"
import type { MockOrce } from "./mock-orce.ts"

/**
 * MOCK-1: the MSW request handlers of the mock ORCE, shared by the in-process fetch, the standalone server and
 * any test that keeps `setupServer` as a net. One handler, because routing happens in a map inside the mock:
 * a list of per-route handlers would cost a URL match per handler per request.
 */
export const mockOrceHandlers = (mock: MockOrce): Array<HttpHandler> => [
  http.all(({ request }) => mock.owns(request), ({ request }) => mock.handle(request))
]
