// What the API's database sessions are doing during a phase: pg_stat_activity sampled every
// 100 ms, summarised as the average number of sessions in each state / wait event. "idle in
// transaction" means a transaction is open (holding its locks) while PostgreSQL waits for the API
// to send the next statement; "Lock:…" means a session waits for another's lock.
import pg from 'pg';

export async function sampleWaits(
  databaseUrl,
  applicationName = 'nextpanel-billing',
  intervalMs = 100,
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection (the database going away at the end, or a restart) ends the sampling.
  client.on('error', () => {});
  await client.connect();
  const totals = new Map();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      let rows;
      try {
        ({ rows } = await client.query(
          `SELECT state, wait_event_type, wait_event, count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()
           AND state <> 'idle'
         GROUP BY 1, 2, 3`,
          [applicationName],
        ));
      } catch {
        return; // the connection is gone
      }
      samples += 1;
      for (const row of rows) {
        const key =
          row.state === 'active'
            ? `active${row.wait_event_type ? ` waiting ${row.wait_event_type}:${row.wait_event}` : ' (running)'}`
            : row.state;
        totals.set(key, (totals.get(key) ?? 0) + row.n);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => {});
      await client.end().catch(() => {});
      const average = Object.fromEntries(
        [...totals.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([key, n]) => [key, Number((n / Math.max(samples, 1)).toFixed(1))]),
      );
      return { samples, averageSessions: average };
    },
  };
}
