// The backup file: a plain POSIX tar (ustar) that any `tar -xf` opens, written and read here with
// Node built-ins. Members: `xiaguang.db` (the snapshot), `media/<file>` (uploaded pictures), and
// last `manifest.json` (which program wrote it, when, and each member's size and SHA-256), so a
// file cut short or changed on the way is refused before anything is restored.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ARCHIVE_APP = '霞光学堂';
export const ARCHIVE_FORMAT = 1;
export const DATABASE_MEMBER = 'xiaguang.db';
export const MANIFEST_MEMBER = 'manifest.json';
const BLOCK = 512;
const CHUNK = 1 << 20;
/** Only these names are ever written or accepted: no absolute paths, no `..`, nothing else. */
const MEMBER_NAME = /^(xiaguang\.db|manifest\.json|media\/[A-Za-z0-9._-]{1,90})$/;

/** A refusal to restore, in Chinese for the operator. */
export class ArchiveRefused extends Error {}

function octal(value, width) {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name, size, mtime) {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/**
 * Writes `members` ({ name, path }, files on disk) and then the manifest (`info` plus each member's
 * size and SHA-256) into `target`, and syncs it to the disk before returning.
 */
export function writeArchive(target, members, info) {
  const fd = openSync(target, 'w');
  const listed = [];
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (const { name, path } of members) {
      if (!MEMBER_NAME.test(name)) throw new Error(`not a backup member name: ${name}`);
      const source = openSync(path, 'r');
      try {
        const { size, mtimeMs } = statSync(path);
        writeSync(fd, header(name, size, mtimeMs));
        const hash = createHash('sha256');
        let copied = 0;
        while (copied < size) {
          const read = readSync(source, buffer, 0, Math.min(CHUNK, size - copied), copied);
          if (read === 0) throw new Error(`${path} shrank while it was being backed up`);
          hash.update(buffer.subarray(0, read));
          writeSync(fd, buffer, 0, read);
          copied += read;
        }
        if (size % BLOCK) writeSync(fd, Buffer.alloc(BLOCK - (size % BLOCK)));
        listed.push({ name, size, sha256: hash.digest('hex') });
      } finally {
        closeSync(source);
      }
    }
    const manifest = Buffer.from(JSON.stringify({ app: ARCHIVE_APP, format: ARCHIVE_FORMAT, ...info, members: listed }, null, 2));
    writeSync(fd, header(MANIFEST_MEMBER, manifest.length, Date.now()));
    writeSync(fd, manifest);
    writeSync(fd, Buffer.alloc(BLOCK - (manifest.length % BLOCK || BLOCK) + 2 * BLOCK));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return listed;
}

const NOT_OURS = '这个文件不是霞光学堂的备份（应是 npm run backup 生成的 xiaguang-….tar）。';
const CUT_SHORT = '这个备份文件不完整（可能没有复制完，或在传送中被截断），不能用来恢复。';
const DAMAGED = '这个备份文件已损坏（内容和备份时记下的校验值对不上），不能用来恢复。';

function readExactly(fd, buffer, length, position) {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) return done;
    done += read;
  }
  return done;
}

function parseHeader(block) {
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 32 : block[index];
  const stored = parseInt(block.toString('ascii', 148, 156).replace(/\0.*$/s, '').trim(), 8);
  if (stored !== sum || block.toString('ascii', 257, 262) !== 'ustar') return null;
  const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  const size = parseInt(block.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim(), 8);
  const type = block.toString('ascii', 156, 157);
  return { name, size, type };
}

/** Whether `file` starts like a tar archive written by writeArchive (a ustar header). */
export function looksLikeArchive(file) {
  const fd = openSync(file, 'r');
  try {
    const block = Buffer.alloc(BLOCK);
    return readExactly(fd, block, BLOCK, 0) === BLOCK && parseHeader(block) !== null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Unpacks the backup `archive` into the empty folder `into`, checking every header, every member's
 * name, size and SHA-256 against the manifest, and that nothing is missing or extra. Throws
 * ArchiveRefused (a Chinese message) for a file that is not ours, cut short, or damaged. Returns the
 * manifest.
 */
export function extractArchive(archive, into) {
  const fd = openSync(archive, 'r');
  const found = new Map();
  let manifest;
  try {
    const block = Buffer.alloc(BLOCK);
    const buffer = Buffer.alloc(CHUNK);
    let position = 0;
    for (;;) {
      if (readExactly(fd, block, BLOCK, position) < BLOCK) throw new ArchiveRefused(position === 0 ? NOT_OURS : CUT_SHORT);
      position += BLOCK;
      if (block.every((byte) => byte === 0)) break;
      const entry = parseHeader(block);
      if (!entry) throw new ArchiveRefused(position === BLOCK ? NOT_OURS : DAMAGED);
      if (!MEMBER_NAME.test(entry.name) || !['0', '\0'].includes(entry.type) || !Number.isSafeInteger(entry.size) || found.has(entry.name)) {
        throw new ArchiveRefused(NOT_OURS);
      }
      if (entry.name === MANIFEST_MEMBER) {
        if (entry.size > CHUNK) throw new ArchiveRefused(NOT_OURS);
        const bytes = Buffer.alloc(entry.size);
        if (readExactly(fd, bytes, entry.size, position) < entry.size) throw new ArchiveRefused(CUT_SHORT);
        try {
          manifest = JSON.parse(bytes.toString('utf8'));
        } catch {
          throw new ArchiveRefused(DAMAGED);
        }
      } else {
        const target = join(into, entry.name);
        mkdirSync(dirname(target), { recursive: true });
        const out = openSync(target, 'w');
        const hash = createHash('sha256');
        try {
          let copied = 0;
          while (copied < entry.size) {
            const read = readExactly(fd, buffer, Math.min(CHUNK, entry.size - copied), position + copied);
            if (read === 0) throw new ArchiveRefused(CUT_SHORT);
            hash.update(buffer.subarray(0, read));
            writeSync(out, buffer, 0, read);
            copied += read;
          }
          fsyncSync(out);
        } finally {
          closeSync(out);
        }
        found.set(entry.name, { size: entry.size, sha256: hash.digest('hex') });
      }
      position += Math.ceil(entry.size / BLOCK) * BLOCK;
    }
  } finally {
    closeSync(fd);
  }
  if (!manifest) throw new ArchiveRefused(found.size === 0 ? NOT_OURS : CUT_SHORT);
  if (manifest.app !== ARCHIVE_APP || !Array.isArray(manifest.members)) throw new ArchiveRefused(NOT_OURS);
  if (manifest.format !== ARCHIVE_FORMAT) throw new ArchiveRefused('这个备份来自更新版本的霞光学堂（备份格式不同），请先把程序升级到同一版本再恢复。');
  const listed = new Map(manifest.members.map((member) => [member.name, member]));
  if (!listed.has(DATABASE_MEMBER) || listed.size !== found.size) throw new ArchiveRefused(CUT_SHORT);
  for (const [name, got] of found) {
    const expected = listed.get(name);
    if (!expected || expected.size !== got.size || expected.sha256 !== got.sha256) throw new ArchiveRefused(DAMAGED);
  }
  return manifest;
}
