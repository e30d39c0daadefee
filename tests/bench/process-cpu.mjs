// CPU time of a process and every process below it (a cluster's primary and its workers, and
// Pagefind's), read from Linux's /proc: the server's own cost per request, which on a shared
// machine holds steadier than its throughput. Elsewhere (no /proc) it answers null.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

let ticks;
/** Clock ticks a second (utime and stime in /proc/<pid>/stat are counted in them). */
function ticksPerSecond() {
  ticks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticks;
}

/** Milliseconds of CPU (user + system) used so far by `root` and its descendants, or null. */
export function treeCpuMs(root) {
  if (!root || !existsSync('/proc/self/stat')) return null;
  const parent = new Map();
  const used = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After the command name in parentheses: state, ppid, … utime (14th field), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      used.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while the list was read.
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) total += used.get(pid) ?? 0;
  return (1000 * total) / ticksPerSecond();
}
