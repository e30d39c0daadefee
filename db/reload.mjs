// `npm run reload`: a rolling restart of the running server, after `npm run build` (new code) or
// to refresh the workers. Sends SIGHUP to the cluster's primary, found through the pid file it
// writes beside the database (db/server-state.mjs); the primary then replaces
// its workers one at a time, each new one listening before an old one stops, so no request is
// dropped. Under systemd, `systemctl reload xiaguang` does the same (ExecReload).
import { getConfig } from '../src/lib/server/config.ts';
import { runningServerPid, serverPidFile } from './server-state.mjs';

const url = getConfig().databaseUrl;
const pid = runningServerPid(url);
if (pid === null) {
  console.error(`没有找到正在运行的霞光学堂（${serverPidFile(url)} 不在，或者记的进程已经停了）。请先用 npm run serve 启动。`);
  process.exit(1);
}
try {
  process.kill(pid, 'SIGHUP');
  console.log(`已通知霞光学堂（进程 ${pid}）逐个更换工作进程；进度见服务器日志里的 "reload"。`);
} catch {
  console.error(`霞光学堂（进程 ${pid}）没有在运行。请用 npm run serve 启动。`);
  process.exit(1);
}
