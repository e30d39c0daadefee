// `npm run reload`: a rolling restart of the running server, after `npm run build` (new code) or
// to refresh the workers. Sends SIGHUP to the cluster's primary, found through the pid file it
// writes beside the database (src/lib/server/data-dir.ts serverPidFile); the primary then replaces
// its workers one at a time, each new one listening before an old one stops, so no request is
// dropped. Under systemd, `systemctl reload xiaguang` does the same (ExecReload).
import { readFileSync } from 'node:fs';
import { getConfig } from '../src/lib/server/config.ts';
import { serverPidFile } from '../src/lib/server/data-dir.ts';

const file = serverPidFile(getConfig().databaseUrl);
let pid = 0;
try {
  pid = Number(readFileSync(file, 'utf8').trim());
} catch {
  console.error(`没有找到正在运行的霞光学堂（没有 ${file}）。请先用 npm run serve 启动。`);
  process.exit(1);
}
let cmdline = '';
try {
  cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
} catch {
  // Not Linux, or no such process: kill() below tells.
}
if (!Number.isInteger(pid) || pid <= 0 || (cmdline && !cmdline.includes('cluster.mjs'))) {
  console.error(`${file} 里记的不是霞光学堂的进程。服务器可能已经停了：请用 npm run serve 启动。`);
  process.exit(1);
}
try {
  process.kill(pid, 'SIGHUP');
  console.log(`已通知霞光学堂（进程 ${pid}）逐个更换工作进程；进度见服务器日志里的 "reload"。`);
} catch {
  console.error(`霞光学堂（进程 ${pid}）没有在运行。请用 npm run serve 启动。`);
  process.exit(1);
}
