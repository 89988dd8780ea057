// Small process-supervision helpers shared by `npm start` and the browser test harness.
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';

/** Spawns a child whose output lines are prefixed with its name (or piped to `stdoutSink`). */
export function startChild(name, command, args, { env, cwd, stdoutSink, quiet } = {}) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, target) => {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      if (!quiet) for (const line of lines) target.write(`[${name}] ${line}\n`);
    });
  };
  if (stdoutSink) child.stdout.pipe(stdoutSink);
  else prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.displayName = name;
  return child;
}

/** Resolves when the child exits, with its exit code (or the signal name). */
export function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(code ?? signal)),
  );
}

/** SIGTERM, then SIGKILL after `graceMs` if the child is still running. */
export async function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** Runs a command to completion, inheriting stdio; rejects on a non-zero exit. */
export function run(command, args, { env, cwd } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolveRun()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

/** Polls `url` until it answers with a status below 500, or throws after `timeoutMs`. */
export async function waitForHttp(url, { timeoutMs = 60_000, headers } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return response;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms: ${lastError?.message}`);
}

/** True when something already listens on host:port. */
export function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolveCheck) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolveCheck(true);
    });
    socket.once('error', () => resolveCheck(false));
  });
}
