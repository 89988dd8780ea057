// `node bench/adapter-overhead.mjs [--seconds N]`
//
// What the HTTP framework alone costs on this machine: the same JSON body (a servers list of 20
// entries, 9.6 KB, the shape GET /api/v1/nextpanel/servers answers) served by bare node:http, by
// NestJS on its default Express adapter (what the API ran until it moved to Fastify; still a dev
// dependency for this comparison) and by NestJS on the Fastify adapter (what the API runs now);
// no database, no guard, no middleware of ours. Each server runs in its own process; autocannon
// (in this process) sends 10 and then 50 connections' worth of GETs; the figures are requests per
// second, latency, and the server process's CPU time per request. Issue 7 asks whether the default
// adapter holds the API back: this is the ceiling each adapter puts on a request, measured here.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { measureCpu } from './lib/cpu.mjs';
import { loadPhase } from './lib/load.mjs';

const VARIANTS = ['node:http', 'nest-express', 'nest-express-no-etag', 'nest-fastify'];

const BODY = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  name: `panel-${String(i + 1).padStart(2, '0')}`,
  description: `Generated panel server ${i + 1} for the benchmark`,
  base_url: `http://127.0.0.1:${41000 + i}`,
  api_key: 'npk_…a1b2',
  is_active: true,
  is_online: true,
  capacity: 10000,
  current_accounts: 6700 + i,
  utilization_percent: 67.1,
  available_slots: 3300 - i,
  location: 'Frankfurt',
  last_checked_at: '2026-11-26T15:02:15.949Z',
  last_error: null,
  created_at: '2026-11-26T14:44:43.508Z',
  updated_at: '2026-11-26T15:02:15.949Z',
}));
const PATH = '/api/v1/nextpanel/servers';

async function serve(variant) {
  let port;
  if (variant === 'node:http') {
    const server = createServer((req, res) => {
      const json = JSON.stringify(BODY);
      res.writeHead(req.url === PATH ? 200 : 404, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(json),
      });
      res.end(json);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = server.address().port;
  } else {
    await import('reflect-metadata');
    const { Controller, Get, Module } = await import('@nestjs/common');
    const { NestFactory } = await import('@nestjs/core');
    // Decorators applied by hand: this file is plain JavaScript.
    class ServersController {
      list() {
        return BODY;
      }
    }
    const method = Object.getOwnPropertyDescriptor(ServersController.prototype, 'list');
    Get('servers')(ServersController.prototype, 'list', method);
    Controller('api/v1/nextpanel')(ServersController);
    class BenchModule {}
    Module({ controllers: [ServersController] })(BenchModule);
    let app;
    if (variant === 'nest-fastify') {
      const { FastifyAdapter } = await import('@nestjs/platform-fastify');
      app = await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: false });
    } else {
      app = await NestFactory.create(BenchModule, { logger: false });
      // Express hashes every response body for its ETag by default; Fastify does not.
      if (variant === 'nest-express-no-etag') app.set('etag', false);
    }
    await app.listen(0, '127.0.0.1');
    port = new URL(await app.getUrl()).port;
  }
  process.stdout.write(`${JSON.stringify({ port: Number(port) })}\n`);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

async function startVariant(variant) {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--serve', variant], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  const { port } = JSON.parse(line.toString());
  return {
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}

async function main(seconds) {
  const cpuCount = os.availableParallelism();
  const rows = [];
  for (const variant of VARIANTS) {
    const server = await startVariant(variant);
    try {
      const phase = (connections, length) =>
        loadPhase({
          base: server.url,
          token: 'x',
          connections,
          seconds: length,
          nextPath: () => PATH,
        });
      await phase(10, 2);
      for (const connections of [10, 50]) {
        const cpu = measureCpu({ server: server.pid }, cpuCount);
        const result = await phase(connections, seconds);
        const cores = cpu.stop();
        rows.push({
          variant,
          connections,
          rps: result.rps,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          serverCores: cores.server,
          serverCpuPerRequestUs: Math.round((cores.server / result.rps) * 1e6),
          otherCores: cores.others,
        });
      }
    } finally {
      await server.stop();
    }
  }
  const line = (cells) =>
    cells.map((cell, i) => String(cell).padStart(i === 0 ? 14 : 10)).join(' ');
  process.stdout.write(
    `Framework overhead, ${seconds} s per phase, body ${Buffer.byteLength(JSON.stringify(BODY))} bytes, ${cpuCount} cores\n`,
  );
  process.stdout.write(
    `${line(['server', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'CPU/req µs', 'others'])}\n`,
  );
  for (const row of rows)
    process.stdout.write(
      `${line([row.variant, row.connections, row.rps, row.p50, row.p99, row.serverCpuPerRequestUs, row.otherCores])}\n`,
    );
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

const { values } = parseArgs({
  options: { serve: { type: 'string' }, seconds: { type: 'string', default: '10' } },
});
if (values.serve) await serve(values.serve);
else await main(Number(values.seconds));
