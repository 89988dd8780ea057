// Payment to active account: pending orders (inserted by SQL for new customers), then one signed
// `checkout.session.completed` webhook per order; the clock runs from the webhook's receipt
// (stripe_events.received_at, set in the transaction that applies it) to the order `completed`
// (same transaction as the account turning active and the welcome email entering the outbox).
import { SMTPServer } from 'smtp-server';
import Stripe from 'stripe';
import { measureCpu } from './cpu.mjs';
import { sampleRss, sleep, withClient } from './stack.mjs';
import { sampleWaits } from './waits.mjs';

/** An SMTP server that accepts and counts every message. */
export async function startSmtpSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const stats = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: sorted.length ? Math.round(percentile(sorted, 50)) : null,
    p95: sorted.length ? Math.round(percentile(sorted, 95)) : null,
    max: sorted.length ? Math.round(sorted.at(-1)) : null,
  };
};

/** `count` customers with one pending Starter order each, straight into the database. */
async function createPendingOrders(databaseUrl, count, passwordHash) {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `WITH plan AS (SELECT id, price_monthly_cents, currency FROM plans ORDER BY sort_order, name LIMIT 1),
       buyers AS (
         INSERT INTO users (email, password_hash, full_name, role, is_active)
         SELECT 'payer' || lpad(n::text, 5, '0') || '@bench.example', $2, 'Payer ' || n, 'customer', true
         FROM generate_series(1, $1::int) AS n
         RETURNING id
       )
       INSERT INTO orders (customer_id, plan_id, billing_cycle, status, amount_cents, currency, stripe_checkout_session_id)
       SELECT b.id, plan.id, 'monthly', 'pending', plan.price_monthly_cents, plan.currency, 'cs_test_bench_' || b.id
       FROM buyers b, plan
       RETURNING id, customer_id, stripe_checkout_session_id`,
      [count, passwordHash],
    );
    return rows;
  });
}

function checkoutEvent(order) {
  return {
    id: `evt_bench_${order.id}`,
    object: 'event',
    api_version: '2025-09-30.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    type: 'checkout.session.completed',
    data: {
      object: {
        id: order.stripe_checkout_session_id,
        object: 'checkout.session',
        mode: 'subscription',
        status: 'complete',
        payment_status: 'paid',
        client_reference_id: String(order.id),
        customer: `cus_bench_${order.customer_id}`,
        subscription: `sub_bench_${order.id}`,
        metadata: { order_id: String(order.id) },
      },
    },
  };
}

export async function paymentToActiveAccount({
  apiUrl,
  apiPid,
  panelPids,
  databaseUrl,
  webhookSecret,
  passwordHash,
  count,
  concurrency,
  timeoutMs,
  smtp,
  cpuCount,
  log,
}) {
  const orders = await createPendingOrders(databaseUrl, count, passwordHash);
  const orderIds = orders.map((order) => order.id);
  const stripe = new Stripe('sk_test_bench');
  const bodies = orders.map((order) => {
    const payload = JSON.stringify(checkoutEvent(order));
    return {
      payload,
      signature: stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }),
    };
  });
  const smtpBefore = smtp.received();
  const webhookStatuses = {};
  const webhookLatencies = [];
  let next = 0;
  const cpu = measureCpu({ api: apiPid, panels: panelPids }, cpuCount);
  const rss = sampleRss(apiPid);
  const waits = await sampleWaits(databaseUrl);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const { payload, signature } = bodies[next++];
        const t0 = performance.now();
        let status;
        try {
          const response = await fetch(`${apiUrl}/api/v1/webhooks/stripe`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
            body: payload,
            signal: AbortSignal.timeout(30_000),
          });
          await response.arrayBuffer();
          status = String(response.status);
        } catch (error) {
          status = `network:${error.name}`;
        }
        webhookLatencies.push(performance.now() - t0);
        webhookStatuses[status] = (webhookStatuses[status] ?? 0) + 1;
      }
    }),
  );
  const postedS = (performance.now() - started) / 1000;

  // Wait for fulfilment (and for the emails to leave), polling the database.
  let progress = { completed: 0, failed: 0, welcome_sent: 0 };
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    progress = await withClient(databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE o.status = 'completed')::int AS completed,
                count(*) FILTER (WHERE o.status = 'failed')::int AS failed,
                count(w.id) FILTER (WHERE w.status = 'sent')::int AS welcome_sent
         FROM orders o LEFT JOIN email_outbox w ON w.dedupe_key = 'welcome:account:' || o.hosting_account_id
         WHERE o.id = ANY($1)`,
        [orderIds],
      );
      return rows[0];
    });
    if (
      progress.completed + progress.failed >= count &&
      progress.welcome_sent >= progress.completed
    )
      break;
    await sleep(100);
  }
  const drainedS = (performance.now() - started) / 1000;
  const cpuCores = cpu.stop();
  const rssDuring = rss.stop();
  const sessions = await waits.stop();

  const timings = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT o.id, o.status,
              extract(epoch FROM greatest(o.completed_at, a.provisioned_at, w.created_at) - e.received_at) * 1000 AS to_active_ms,
              extract(epoch FROM w.sent_at - e.received_at) * 1000 AS to_sent_ms,
              a.status AS account_status,
              (SELECT count(*) FROM email_outbox x WHERE x.dedupe_key = 'welcome:account:' || o.hosting_account_id)::int AS welcome_emails,
              (SELECT count(*) FROM hosting_accounts h WHERE h.customer_id = o.customer_id)::int AS accounts,
              (SELECT count(*) FROM licenses l WHERE l.customer_id = o.customer_id)::int AS licenses
       FROM orders o
       JOIN stripe_events e ON e.id = 'evt_bench_' || o.id
       LEFT JOIN hosting_accounts a ON a.id = o.hosting_account_id
       LEFT JOIN email_outbox w ON w.dedupe_key = 'welcome:account:' || o.hosting_account_id
       WHERE o.id = ANY($1)`,
      [orderIds],
    );
    return rows;
  });
  const completed = timings.filter((row) => row.status === 'completed');
  const result = {
    events: count,
    concurrency,
    webhookStatuses,
    webhookLatencyMs: stats(webhookLatencies),
    postedInS: Number(postedS.toFixed(2)),
    allDoneInS: Number(drainedS.toFixed(2)),
    completed: completed.length,
    failed: timings.filter((row) => row.status === 'failed').length,
    notFinished: count - completed.length - timings.filter((row) => row.status === 'failed').length,
    receiptToActiveMs: stats(completed.map((row) => Number(row.to_active_ms))),
    receiptToWelcomeSentMs: stats(
      completed.map((row) => (row.to_sent_ms === null ? null : Number(row.to_sent_ms))),
    ),
    checks: {
      accountsNotActive: completed.filter((row) => row.account_status !== 'active').length,
      ordersWithoutExactlyOneWelcomeEmail: completed.filter((row) => row.welcome_emails !== 1)
        .length,
      customersWithMoreThanOneAccount: timings.filter((row) => row.accounts > 1).length,
      customersWithMoreThanOneLicense: timings.filter((row) => row.licenses > 1).length,
      smtpMessagesReceived: smtp.received() - smtpBefore,
    },
    cpuCores,
    apiSessions: sessions.averageSessions,
    apiRssMaxMiB: rssDuring.max,
  };
  log(
    `  ${count} webhooks posted in ${result.postedInS} s (${JSON.stringify(webhookStatuses)}, p50 ${result.webhookLatencyMs.p50} ms); ` +
      `${result.completed} completed, ${result.failed} failed, ${result.notFinished} unfinished after ${result.allDoneInS} s`,
  );
  log(
    `  receipt → account active + welcome email queued: p50 ${result.receiptToActiveMs.p50} ms, p95 ${result.receiptToActiveMs.p95} ms; ` +
      `→ welcome email sent: p50 ${result.receiptToWelcomeSentMs.p50} ms, p95 ${result.receiptToWelcomeSentMs.p95} ms; cpu ${JSON.stringify(cpuCores)}`,
  );
  log(`  API database sessions (average until done): ${JSON.stringify(sessions.averageSessions)}`);
  return result;
}
