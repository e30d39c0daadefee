// `npm run restore <file>`: puts a backup (xiaguang-….tar from `npm run backup`, or a bare
// 霞光学堂 database file) in place of the database named by DATABASE_URL, with the server stopped.
//  1. Refuses while a server runs on this database (db/server-state.mjs says how that is seen).
//  2. Unpacks the file into a folder of its own beside the database and checks it all there:
//     the archive (every member's size and SHA-256 against its manifest), the database
//     (integrity_check, 霞光学堂's tables, a schema version this program knows; an older one is
//     brought up to date when the server starts, as every database is). Until this step has
//     passed, nothing of the live data is touched.
//  3. Moves the current database (with its -wal/-shm), data/media/ and the search index aside into
//     `before-restore-<time>/` beside it, moves the checked copy in, and syncs the folder. If a move
//     fails, what was moved is put back.
// The search index is rebuilt when the server starts; the secret key stays where it is.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getConfig } from '../src/lib/server/config.ts';
import { dataFolder } from '../src/lib/server/data-dir.ts';
import { ArchiveRefused, DATABASE_MEMBER, extractArchive, looksLikeArchive } from './backup-archive.mjs';
import { checkDatabaseFile, isSqliteFile } from './backup-check.mjs';
import { syncFolder } from './backup.mjs';
import { databaseFile } from './migrate.mjs';
import { serverRunningReason } from './server-state.mjs';

const stamp = (when) => when.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

async function refuseWhileServing(url, live) {
  const reason = await serverRunningReason(url, live);
  if (reason) throw new ArchiveRefused(`${reason}恢复前请先停止服务器（例如 sudo systemctl stop xiaguang），恢复完成后再启动。现在的数据没有任何改动。`);
}

/**
 * Restores `source` over `config`'s database. Resolves to `{ aside, takenAt, behind, pictures }`
 * (`aside`: where the replaced files went, null when there were none);
 * throws ArchiveRefused (a Chinese message) when the file or the moment is not right, with the live
 * data untouched.
 */
export async function restoreBackup(source, config = getConfig()) {
  const url = config.databaseUrl;
  const live = databaseFile(url);
  if (!live) throw new ArchiveRefused('DATABASE_URL 指向 libSQL 服务器：请在那台服务器上恢复，这里只恢复本机的数据库文件。');
  const file = resolve(source);
  if (!existsSync(file) || !statSync(file).isFile()) throw new ArchiveRefused(`找不到备份文件 ${file}。`);
  await refuseWhileServing(url, live);

  const folder = dirname(live);
  mkdirSync(folder, { recursive: true });
  const now = new Date();
  const staging = join(folder, `.restore-${stamp(now)}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    let takenAt = null;
    if (looksLikeArchive(file)) {
      takenAt = extractArchive(file, staging).takenAt ?? null;
    } else if (isSqliteFile(file)) {
      copyFileSync(file, join(staging, DATABASE_MEMBER));
    } else {
      throw new ArchiveRefused('这个文件不是霞光学堂的备份（应是 npm run backup 生成的 xiaguang-….tar）。');
    }
    const staged = join(staging, DATABASE_MEMBER);
    const schema = await checkDatabaseFile(staged);

    // The checks passed: now, and only now, the live files move.
    await refuseWhileServing(url, live);
    const aside = join(folder, `before-restore-${stamp(now)}`);
    const media = dataFolder(url, 'media');
    const moves = [
      ...['', '-wal', '-shm'].map((suffix) => [`${live}${suffix}`, join(aside, `${basename(live)}${suffix}`)]),
      [media, join(aside, 'media')],
      [dataFolder(url, 'search'), join(aside, 'search')],
    ].filter(([from]) => existsSync(from));
    if (moves.length) mkdirSync(aside);
    const done = [];
    try {
      for (const [from, to] of moves) {
        renameSync(from, to);
        done.push([from, to]);
      }
      renameSync(staged, live);
      done.push([staged, live]);
      if (existsSync(join(staging, 'media'))) {
        renameSync(join(staging, 'media'), media);
        done.push([join(staging, 'media'), media]);
      }
      syncFolder(folder);
    } catch (error) {
      for (const [from, to] of done.reverse()) renameSync(to, from);
      throw error;
    }
    return { aside: moves.length ? aside : null, takenAt, behind: schema.behind, pictures: existsSync(media) ? readdirSync(media).length : 0 };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const source = process.argv[2];
  if (!source) {
    console.error('用法：npm run restore -- <备份文件>，例如 npm run restore -- data/backups/xiaguang-20261130T033000Z.tar');
    process.exit(2);
  }
  restoreBackup(source).then(
    (done) => {
      console.log(`恢复完成：数据库已换成 ${source}${done.takenAt ? `（${new Date(done.takenAt).toLocaleString('zh-CN', { hour12: false })} 的备份）` : ''}。`);
      if (done.behind) console.log(`备份的数据库结构比当前程序旧 ${done.behind} 步，服务器启动时会自动升级（也可以先运行 npm run db:migrate）。`);
      if (done.aside) console.log(`原来的数据库和图片放在 ${done.aside}，确认无误后可以删除。`);
      console.log('现在可以启动服务器（例如 sudo systemctl start xiaguang）；搜索索引会在启动时重建。');
    },
    (error) => {
      if (error instanceof ArchiveRefused) console.error(`没有恢复：${error.message}`);
      else console.error(`恢复失败，现在的数据没有被替换：${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
