// The printed summary: plain fixed-width tables, so the output pastes into docs as is.

const pad = (value, width, right = false) => {
  const text = value === null || value === undefined ? '–' : String(value);
  return right ? text.padStart(width) : text.padEnd(width);
};

function table(headers, rows) {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => String(r[i] ?? '–').length)),
  );
  const line = (cells) => cells.map((c, i) => pad(c, widths[i], i > 0)).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (v) => (v === null || v === undefined ? null : `${Math.round(v)}`);
const rate = (v) => (v === null || v === undefined ? null : v >= 100 ? v.toFixed(0) : v.toFixed(1));

export function formatReport(results) {
  const out = [];
  const { machine, settings } = results;
  out.push('');
  out.push(
    `NextPanel Billing benchmark — ${results.startedAt} — ${settings.mode} (${settings.phaseSeconds} s per load phase)`,
  );
  out.push(
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}, PostgreSQL ${results.database.server.version}${results.database.embedded ? ' (embedded)' : ''}`,
  );
  if (machine.busyCoresBeforeRun !== undefined)
    out.push(
      `Before the run: ${machine.busyCoresBeforeRun} cores busy, load average ${machine.loadAverage?.join(' ')}`,
    );
  const g = results.generator;
  if (g) {
    out.push('');
    out.push(
      `Data generator (SQL, not the API): ${g.counts.customers.toLocaleString('en-US')} customers, ${g.counts.licenses.toLocaleString('en-US')} licenses ` +
        `(+${g.counts.subscriptions.toLocaleString('en-US')} subscriptions), ${g.counts.servers} servers, ${g.counts.accounts.toLocaleString('en-US')} hosting accounts ` +
        `(${g.counts.live_accounts.toLocaleString('en-US')} live) in ${(g.totalMs / 1000).toFixed(1)} s; database ${g.counts.database_size}` +
        (g.counts.counter_mismatches === undefined
          ? ''
          : `; live-account counter ${g.counts.counter_mismatches === 0 ? 'equals a recount' : `WRONG on ${g.counts.counter_mismatches} servers`}`),
    );
    out.push(
      `  ${Object.entries(g.steps)
        .map(([name, s]) => `${name} ${(s.ms / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
  }
  const read = results.readPaths;
  if (read) {
    out.push('');
    out.push(
      `Read paths (autocannon; latency at 10 connections, throughput at 50). Targets on the list endpoints: p99 < ${read.targets.p99Ms} ms at 10, API ≥ ${read.targets.baselineRatio * 100}% of the baseline's req/s at 50.`,
    );
    out.push(
      table(
        [
          'endpoint',
          'p50@10',
          'p99@10',
          'req/s@10',
          'req/s@50',
          'base p99@10',
          'base req/s@50',
          'API/base',
          'p99 target',
          'ratio target',
        ],
        read.rows.map((row) => [
          row.label,
          ms(row.api.c10.latency.p50),
          ms(row.api.c10.latency.p99),
          rate(row.api.c10.rps),
          rate(row.api.c50.rps),
          row.baseline ? ms(row.baseline.c10.latency.p99) : null,
          row.baseline ? rate(row.baseline.c50.rps) : null,
          row.ratio === null || row.ratio === undefined ? null : `${(row.ratio * 100).toFixed(0)}%`,
          row.verdict?.p99 ?? 'n/a',
          row.verdict?.throughput ?? 'n/a',
        ]),
      ),
    );
    out.push(
      '  (latencies in ms; "base" = bench/baseline-server.mjs, node:http + pg, same SQL, same JSON)',
    );
    const errors = read.rows.flatMap((row) =>
      ['api', 'baseline'].flatMap((who) =>
        ['c10', 'c50']
          .map((c) => [row.label, who, c, row[who]?.[c]])
          .filter(([, , , r]) => r && (r.non2xx || r.errors)),
      ),
    );
    for (const [label, who, c, r] of errors)
      out.push(
        `  ! ${label} ${who} ${c}: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts`,
      );
    const contended = read.rows.flatMap((row) =>
      ['api', 'baseline'].flatMap((who) =>
        ['c10', 'c50']
          .map((c) => [row.label, who, c, row[who]?.[c]?.cpuCores?.others])
          .filter(([, , , others]) => others !== undefined && others > 0.3),
      ),
    );
    if (contended.length)
      out.push(
        `  ! other processes used CPU during: ${contended.map(([label, who, c, others]) => `${label} ${who} ${c} (${others} cores)`).join('; ')}`,
      );
    if (read.parity)
      out.push(
        `  Baseline answers identical JSON: ${read.parity.identical}/${read.parity.checked} sample requests`,
      );
    if (results.sqlParity)
      out.push(
        `  Baseline sends the API's statements (text and prepared name, captured from the API): ${results.sqlParity.identical}/${results.sqlParity.checked} sample requests`,
      );
    if (read.statusSetup) out.push(`  Servers status: ${read.statusSetup}`);
  }
  const b = results.burst;
  if (b) {
    const v = b.verification;
    out.push('');
    out.push(
      `Provisioning burst: ${b.requests} × POST /nextpanel/provision at concurrency ${b.concurrency}, ${b.panels} simulators (${b.panelLatencyMs} ms, capacity ${v.capacityPerServer})`,
    );
    out.push(
      `  ${b.throughput}/s over ${b.elapsedS} s — bound ${b.bound}/s (concurrency ÷ latency), ${(b.ofBound * 100).toFixed(1)}% of it; ` +
        `p50 ${b.latencyMs.p50} ms, p99 ${b.latencyMs.p99} ms`,
    );
    out.push(
      `  API database sessions, average: ${JSON.stringify(b.apiSessions)}; cpu ${JSON.stringify(b.cpuCores)}`,
    );
    out.push(
      `  201: ${b.counts.created}  409: ${b.counts.conflict}  other: ${b.counts.other}${Object.keys(b.errorCodes).length ? ` ${JSON.stringify(b.errorCodes)}` : ''}`,
    );
    out.push(
      `  capacity overruns: ${v.dbOverruns} in the database, ${v.panelOverruns} on the panels (live per server: db [${v.dbLivePerServer.join(', ')}], panels [${v.panelAccountsPerServer.join(', ')}])`,
    );
    out.push(
      `  duplicate accounts: ${v.duplicateUsernamesOnPanels} on the panels, ${v.duplicateLiveUsernamesInDb} in the database; panels vs database: ` +
        `${v.onPanelsNotActiveInDb} only on a panel, ${v.activeInDbNotOnPanels} only in the database, ${v.activeInDbOnWrongPanel} on the wrong panel → ${v.ok ? 'OK' : 'PROBLEM'}`,
    );
    if (v.counterMismatches !== undefined)
      out.push(
        `  live-account counter (panel_servers.live_accounts) vs recount: ${v.counterMismatches} servers differ`,
      );
  }
  const p = results.payments;
  if (p) {
    out.push('');
    out.push(
      `Payment to active account: ${p.events} signed checkout.session.completed webhooks at concurrency ${p.concurrency}`,
    );
    out.push(
      `  webhook answered: p50 ${p.webhookLatencyMs.p50} ms, p95 ${p.webhookLatencyMs.p95} ms (${JSON.stringify(p.webhookStatuses)}); all ${p.completed} orders completed after ${p.allDoneInS} s (${p.failed} failed, ${p.notFinished} unfinished)`,
    );
    out.push(
      `  receipt → order completed, account active, welcome email in the outbox: p50 ${p.receiptToActiveMs.p50} ms, p95 ${p.receiptToActiveMs.p95} ms (max ${p.receiptToActiveMs.max} ms)`,
    );
    out.push(
      `  receipt → welcome email accepted by SMTP: p50 ${p.receiptToWelcomeSentMs.p50} ms, p95 ${p.receiptToWelcomeSentMs.p95} ms`,
    );
    out.push(
      `  API database sessions, average: ${JSON.stringify(p.apiSessions)}; cpu ${JSON.stringify(p.cpuCores)}`,
    );
    const c = p.checks;
    out.push(
      `  checks: ${c.accountsNotActive} accounts not active, ${c.ordersWithoutExactlyOneWelcomeEmail} orders without exactly one welcome email, ` +
        `${c.customersWithMoreThanOneAccount} doubled accounts, ${c.customersWithMoreThanOneLicense} doubled licenses; ${c.smtpMessagesReceived} messages reached SMTP`,
    );
  }
  const m = results.memory;
  if (m) {
    out.push('');
    out.push(
      `API resident memory (VmRSS): idle ${m.idleMiB?.toFixed(0)} MiB; under read load max ${m.readLoadMaxMiB?.toFixed(0)} MiB; ` +
        `provisioning burst max ${m.burstMaxMiB?.toFixed(0)} MiB; payments max ${m.paymentsMaxMiB?.toFixed(0)} MiB; baseline server idle ${m.baselineIdleMiB?.toFixed(0)} MiB`,
    );
  }
  if (results.apiErrors && Object.keys(results.apiErrors).length) {
    out.push('');
    out.push('API error log lines (level error), grouped:');
    for (const [message, count] of Object.entries(results.apiErrors))
      out.push(`  ${count} × ${message}`);
  }
  const e = results.evidence;
  if (e) {
    out.push('');
    out.push(
      'PostgreSQL execution time of the statements behind these paths, as the API sends them (EXPLAIN ANALYZE, median of 5):',
    );
    for (const [name, value] of Object.entries(e.now))
      out.push(`  ${name.padEnd(26)} ${String(value.ms).padStart(8)} ms  ${value.plan}`);
    out.push(
      '  What issue 7 replaced, measured now on the same data (inside a rolled-back transaction):',
    );
    for (const [name, variant] of Object.entries(e.before ?? {})) {
      if (variant.error) out.push(`  ${name}: could not measure: ${variant.error}`);
      else
        for (const [statement, value] of Object.entries(variant.statements))
          out.push(
            `  ${statement.padEnd(26)} ${String(value.ms).padStart(8)} ms  ${value.plan}  [${name}]`,
          );
    }
    if (e.pageFillingSearches) {
      const { terms, walkAndCount: w, readEveryMatch: r } = e.pageFillingSearches;
      out.push(
        `  Searches that fill a page (${terms} terms, ~160 matches each; per term, planning included): ` +
          `walk + count mean ${w.meanMs} ms, p99 ${w.p99Ms} ms, max ${w.maxMs} ms; ` +
          `read every match mean ${r.meanMs} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms`,
      );
    }
    if (e.serverChoiceSameAsFullCount !== undefined)
      out.push(
        `  Server choice from the counter = server choice from a full count: ${e.serverChoiceSameAsFullCount ? 'yes' : 'NO'}`,
      );
    if (e.counter)
      out.push(
        `  Live-account counter vs recount: ${e.counter.mismatches} of ${e.counter.servers} servers differ (${e.counter.liveAccounts.toLocaleString('en-US')} live accounts)${e.counter.mismatches ? ` ${JSON.stringify(e.counter.wrong)}` : ''}`,
      );
    if (e.triggerCost)
      out.push(
        `  Counter triggers on one write: insert of a live account ${e.triggerCost.insertLiveAccount.totalMs} ms (trigger ${e.triggerCost.insertLiveAccount.triggerMs} ms), ` +
          `termination ${e.triggerCost.terminateAccount.totalMs} ms (trigger ${e.triggerCost.terminateAccount.triggerMs} ms)`,
      );
    if (e.jwtVerify)
      out.push(
        `  JWT verification (${e.jwtVerify.library}, the API's per-request check): ${e.jwtVerify.keyObjectUs} µs with a KeyObject (as configured), ${e.jwtVerify.stringSecretUs} µs with the secret as a string (before)`,
      );
  }
  const a = results.admin;
  if (a) {
    out.push('');
    out.push(
      a.skipped
        ? 'Admin bench: skipped (--skip-admin)'
        : `Admin bench: ${a.ok ? '' : 'FAILED; '}initial JS ${a.initialJsGzipKiB ?? '?'} KiB gzip; customers page first render with 10,000 rows: cold ${a.coldRenderMs ?? '?'} ms, warm median ${a.warmRenderMs ?? '?'} ms`,
    );
  }
  out.push('');
  return out.join('\n');
}
