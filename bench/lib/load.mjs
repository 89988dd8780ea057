// One autocannon phase: a fixed duration at a fixed number of connections, with the path drawn
// per request (so the database sees different rows, not one cached page).
import autocannon from 'autocannon';

/**
 * @param {{base: string, token: string, connections: number, seconds: number, nextPath: () => string, title?: string}} options
 */
export async function loadPhase({ base, token, connections, seconds, nextPath, title }) {
  const result = await autocannon({
    url: base,
    title,
    connections,
    duration: seconds,
    // Long enough that a slow endpoint's tail is measured, not dropped as an error.
    timeout: 30,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  const ok = result['2xx'] ?? 0;
  return {
    connections,
    seconds: Number(result.duration.toFixed(2)),
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: Number((ok / result.duration).toFixed(1)),
    latency: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [
        code,
        Number(count),
      ]),
    ),
  };
}

/** A small deterministic generator (mulberry32), so both servers get the same sequence of ids. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
