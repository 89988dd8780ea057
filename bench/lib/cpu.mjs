// CPU used during a phase, from /proc (Linux only; empty elsewhere), in cores (1.0 = one core busy
// for the whole phase): each named group of processes (the server under test, the simulators), all
// PostgreSQL processes, this process (the load generator), the whole machine, and `others`, the
// rest. PostgreSQL's parallel workers and closed backends live shorter than a phase; their time is
// found in the postmaster's reaped-children counters (cutime + cstime), so it is counted too.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on mainstream Linux builds

/** utime + stime (+ cutime + cstime with `children`), in ticks. */
function processTicks(pid, children = false) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return fields[11] + fields[12] + (children ? fields[13] + fields[14] : 0);
  } catch {
    return null;
  }
}

/** Ticks of every PostgreSQL process, by pid; the postmaster (whose parent is not postgres) with its reaped children. */
function postgresProcesses() {
  const ticks = new Map();
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return ticks;
  }
  const postgres = new Map();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      postgres.set(entry, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      continue;
    }
  }
  for (const [pid, parent] of postgres) {
    const value = processTicks(pid, !postgres.has(String(parent)));
    if (value !== null) ticks.set(pid, value);
  }
  return ticks;
}

/** [busy, total] jiffies of all CPUs. */
function machineTicks() {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return [busy, busy + idle + iowait];
  } catch {
    return null;
  }
}

/** Cores busy on the whole machine over `ms` (a check that nothing else is running). */
export async function machineBusyCores(ms, cpuCount) {
  const before = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const after = machineTicks();
  if (!before || !after || after[1] === before[1]) return null;
  return Number((((after[0] - before[0]) / (after[1] - before[1])) * cpuCount).toFixed(2));
}

const groupTicks = (pids) => {
  let total = 0;
  for (const pid of [pids].flat()) total += processTicks(pid) ?? 0;
  return total;
};

/**
 * Starts measuring `groups` ({name: pid or [pids]}); `stop()` returns the cores each used over
 * the interval, with postgres, loadgen, machine and others.
 */
export function measureCpu(groups, cpuCount) {
  const started = performance.now();
  const before = Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [name, groupTicks(pids)]),
  );
  const loadgenBefore = processTicks(process.pid);
  const postgresBefore = postgresProcesses();
  const machineBefore = machineTicks();
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const cores = (ticks) => Number((ticks / TICKS_PER_SECOND / seconds).toFixed(2));
      const result = {};
      for (const [name, pids] of Object.entries(groups))
        result[name] = cores(groupTicks(pids) - before[name]);
      // A process that exits hands its whole lifetime to the postmaster's reaped counters; take
      // off what it had used before the phase began, so only the phase's share remains.
      const postgresAfter = postgresProcesses();
      let postgres = 0;
      for (const [pid, ticks] of postgresAfter) postgres += ticks - (postgresBefore.get(pid) ?? 0);
      for (const [pid, ticks] of postgresBefore) if (!postgresAfter.has(pid)) postgres -= ticks;
      result.postgres = cores(postgres);
      const loadgenAfter = processTicks(process.pid);
      if (loadgenBefore !== null && loadgenAfter !== null)
        result.loadgen = cores(loadgenAfter - loadgenBefore);
      const machineAfter = machineTicks();
      if (machineBefore && machineAfter) {
        const busy = machineAfter[0] - machineBefore[0];
        const total = machineAfter[1] - machineBefore[1];
        if (total > 0) {
          result.machine = Number(((busy / total) * cpuCount).toFixed(2));
          const ours =
            Object.values(result).reduce((sum, value) => sum + value, 0) - result.machine;
          result.others = Number(Math.max(0, result.machine - ours).toFixed(2));
        }
      }
      return result;
    },
  };
}
