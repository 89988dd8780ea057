// Provisioning burst: N POST /api/v1/nextpanel/provision at a fixed concurrency, the server chosen
// by the API, against a fleet of simulators; then the books are checked on both sides.
import { measureCpu } from './cpu.mjs';
import { api, sampleRss, withClient } from './stack.mjs';
import { sampleWaits } from './waits.mjs';

const LIVE = `('provisioning', 'active', 'suspended')`;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Registers each simulator through the API (the API checks its health first). */
export async function registerPanels(apiUrl, token, sims, { prefix, capacity }) {
  const ids = [];
  for (const [index, sim] of sims.entries()) {
    const server = await api(apiUrl, token, 'POST', '/api/v1/nextpanel/servers', {
      name: `${prefix}-${String(index + 1).padStart(2, '0')}`,
      base_url: sim.url,
      api_key: sim.apiKey,
      api_secret: sim.apiSecret,
      capacity,
      location: 'Bench',
    });
    if (!server.is_online)
      throw new Error(`${server.name} registered offline: ${server.last_error}`);
    ids.push(server.id);
  }
  return ids;
}

export async function provisioningBurst({
  apiUrl,
  apiPid,
  token,
  databaseUrl,
  sims,
  serverIds,
  total,
  concurrency,
  latencyMs,
  capacity,
  cpuCount,
  log,
}) {
  const customerIds = await withClient(databaseUrl, async (client) => {
    await client.query(`SELECT setseed(0.7)`);
    const { rows } = await client.query(
      `SELECT id FROM users WHERE role = 'customer' AND is_active ORDER BY random() LIMIT $1`,
      [total],
    );
    return rows.map((row) => row.id);
  });
  const statuses = {};
  const errorCodes = {};
  const latencies = [];
  let next = 0;
  const cpu = measureCpu({ api: apiPid, panels: sims.map((sim) => sim.pid) }, cpuCount);
  const rss = sampleRss(apiPid);
  const waits = await sampleWaits(databaseUrl);
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      let status;
      let body;
      try {
        const response = await fetch(`${apiUrl}/api/v1/nextpanel/provision`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            customer_id: customerIds[index % customerIds.length],
            username: `burst${String(index + 1).padStart(5, '0')}`,
            password: `BenchPass${index}x`,
          }),
          signal: AbortSignal.timeout(60_000),
        });
        status = String(response.status);
        body = await response.json().catch(() => null);
      } catch (error) {
        status = `network:${error.name}`;
      }
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== '201') {
        const code = body?.code ?? status;
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedS = (performance.now() - started) / 1000;
  const cpuCores = cpu.stop();
  const rssDuring = rss.stop();
  const sessions = await waits.stop();
  latencies.sort((a, b) => a - b);

  // The books: the database's live accounts per server against capacity, and each panel's own list.
  const db = await withClient(databaseUrl, async (client) => {
    const perServer = (
      await client.query(
        // live: a recount, independent of the API's trigger-kept counter (compared below).
        `SELECT s.id, s.name, s.capacity, s.live_accounts AS counter,
                count(h.id) FILTER (WHERE h.status IN ${LIVE})::int AS live
         FROM panel_servers s LEFT JOIN hosting_accounts h ON h.server_id = s.id
         WHERE s.id = ANY($1) GROUP BY s.id ORDER BY s.id`,
        [serverIds],
      )
    ).rows;
    const accounts = (
      await client.query(
        `SELECT server_id, username, status, nextpanel_user_id FROM hosting_accounts
         WHERE server_id = ANY($1) AND username LIKE 'burst%'`,
        [serverIds],
      )
    ).rows;
    return { perServer, accounts };
  });
  const panelAccounts = await Promise.all(sims.map((sim) => sim.accounts()));
  const panelUsernames = panelAccounts.flat().map((account) => account.username);
  const uniquePanelUsernames = new Set(panelUsernames);
  const activeInDb = db.accounts.filter((account) => account.status === 'active');
  const liveInDb = db.accounts.filter((account) =>
    ['provisioning', 'active', 'suspended'].includes(account.status),
  );
  const dbUsernames = new Set(activeInDb.map((account) => account.username));
  // Per server: the panel behind server_id must hold exactly the accounts the database says.
  const mismatchedPlacement = activeInDb.filter((account) => {
    const panel = panelAccounts[serverIds.indexOf(account.server_id)] ?? [];
    return !panel.some(
      (p) => p.username === account.username && p.id === account.nextpanel_user_id,
    );
  }).length;
  const verification = {
    capacityPerServer: capacity,
    dbLivePerServer: db.perServer.map((row) => row.live),
    panelAccountsPerServer: panelAccounts.map((list) => list.length),
    dbOverruns: db.perServer.filter((row) => row.live > row.capacity).length,
    panelOverruns: panelAccounts.filter((list) => list.length > capacity).length,
    duplicateUsernamesOnPanels: panelUsernames.length - uniquePanelUsernames.size,
    duplicateLiveUsernamesInDb: liveInDb.length - new Set(liveInDb.map((a) => a.username)).size,
    onPanelsNotActiveInDb: [...uniquePanelUsernames].filter((u) => !dbUsernames.has(u)).length,
    activeInDbNotOnPanels: [...dbUsernames].filter((u) => !uniquePanelUsernames.has(u)).length,
    activeInDbOnWrongPanel: mismatchedPlacement,
    stuckProvisioning: db.accounts.filter((a) => a.status === 'provisioning').length,
    failedInDb: db.accounts.filter((a) => a.status === 'failed').length,
    counterMismatches: db.perServer.filter((row) => row.counter !== row.live).length,
  };
  verification.ok =
    verification.dbOverruns === 0 &&
    verification.panelOverruns === 0 &&
    verification.duplicateUsernamesOnPanels === 0 &&
    verification.duplicateLiveUsernamesInDb === 0 &&
    verification.onPanelsNotActiveInDb === 0 &&
    verification.activeInDbNotOnPanels === 0 &&
    verification.activeInDbOnWrongPanel === 0 &&
    verification.stuckProvisioning === 0 &&
    verification.counterMismatches === 0;

  const bound = concurrency / (latencyMs / 1000);
  const result = {
    requests: total,
    concurrency,
    panels: sims.length,
    panelLatencyMs: latencyMs,
    elapsedS: Number(elapsedS.toFixed(2)),
    throughput: Number((total / elapsedS).toFixed(1)),
    bound,
    ofBound: Number((total / elapsedS / bound).toFixed(3)),
    statuses,
    counts: {
      created: statuses['201'] ?? 0,
      conflict: statuses['409'] ?? 0,
      other: total - (statuses['201'] ?? 0) - (statuses['409'] ?? 0),
    },
    errorCodes,
    latencyMs: {
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      max: Math.round(latencies.at(-1)),
    },
    cpuCores,
    apiSessions: sessions.averageSessions,
    apiRssMaxMiB: rssDuring.max,
    verification,
  };
  log(
    `  ${total} requests in ${result.elapsedS} s: ${result.throughput}/s (bound ${bound}/s, ${(result.ofBound * 100).toFixed(1)}%); ` +
      `201 ${result.counts.created}, 409 ${result.counts.conflict}, other ${result.counts.other}; ` +
      `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms; cpu ${JSON.stringify(cpuCores)}`,
  );
  log(
    `  API database sessions (average over the burst): ${JSON.stringify(sessions.averageSessions)}`,
  );
  log(
    `  capacity overruns: db ${verification.dbOverruns}, panels ${verification.panelOverruns}; duplicates: panels ${verification.duplicateUsernamesOnPanels}, db ${verification.duplicateLiveUsernamesInDb}; ` +
      `panel/db mismatches ${verification.onPanelsNotActiveInDb}/${verification.activeInDbNotOnPanels}/${verification.activeInDbOnWrongPanel}; ` +
      `counter ≠ recount on ${verification.counterMismatches} servers → ${verification.ok ? 'OK' : 'PROBLEM'}`,
  );
  return result;
}
