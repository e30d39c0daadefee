// How src/cluster.mjs runs the published studio pages' files (src/lib/server/studio-pages.ts):
// every server process sends them before Astro and writes a course's files again after a
// publication it made; the primary writes what is missing or out of date at start and then every
// few seconds. Node runs this file directly (types stripped): Node built-ins and studio-pages.ts only.
import { createHash, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dataFolder } from './data-dir.ts';
import { registerStudioPages, syncAllStudioPages, syncStudioCourse, withStudioPages, type StudioPagesDb, type StudioPagesPlace } from './studio-pages.ts';

/** The primary's pass over every published course: a publication made outside the studio is written within this. */
const SYNC_EVERY_MS = 5_000;
/**
 * The token of this server's own requests for a page as written to its file: made by the primary
 * before it forks, inherited by every worker. Not a setting (nobody sets it), so not in config.ts.
 */
const TOKEN_VARIABLE = 'XG_STUDIO_PAGES_TOKEN';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface Closable extends StudioPagesDb {
  close(): void;
}

export interface StudioPagesOptions {
  databaseUrl: string;
  /** dist/server/entry.mjs: a new build writes it, so its time names the build. */
  entry: string;
  /** Settings a page shows: SITE_URL in its links, the demo banner. */
  siteUrl: URL;
  demo: boolean;
  /** Opens the database as db/migrate.mjs does. */
  connect: (url: string) => Closable;
}

/** http://127.0.0.1:<port> for a server listening on every address; its own address otherwise. */
export function loopbackBase(address: Pick<AddressInfo, 'address' | 'port'>): string {
  const host = !address.address || address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

export function studioPagesForCluster(options: StudioPagesOptions) {
  process.env[TOKEN_VARIABLE] ??= randomBytes(24).toString('hex');
  const token = process.env[TOKEN_VARIABLE] as string;
  const built = statSync(options.entry, { throwIfNoEntry: false });
  const stamp = createHash('sha256').update(`${built?.mtimeMs}:${built?.size}|${options.siteUrl.href}|${options.demo}`).digest('hex').slice(0, 16);
  const folder = dataFolder(options.databaseUrl, 'studio-pages');

  const place = (base: string, db: StudioPagesDb): StudioPagesPlace => ({ db, folder, stamp, base, token });

  return {
    folder,
    stamp,
    /** The request handler with the files sent first. */
    serve: (handler: Handler): Handler => withStudioPages(handler, { folder, stamp }),
    /** In a server process once it listens: its own publications write their course's files. */
    listening(address: AddressInfo): void {
      const base = loopbackBase(address);
      registerStudioPages({
        token,
        changed: async (slug) => {
          const db = options.connect(options.databaseUrl);
          try {
            await syncStudioCourse(place(base, db), slug);
          } finally {
            db.close();
          }
        },
      });
    },
    /** In the primary once a server process listens: every course now, then every few seconds. */
    keepWritten(address: AddressInfo): void {
      const base = loopbackBase(address);
      const db = options.connect(options.databaseUrl);
      const failed = new Map<string, number>();
      let running = false;
      const pass = async () => {
        if (running) return;
        running = true;
        try {
          await syncAllStudioPages(place(base, db), failed);
        } catch (error) {
          console.error('studio pages: could not write the published pages (they are rendered on request meanwhile)', error);
        } finally {
          running = false;
        }
      };
      void pass();
      setInterval(pass, SYNC_EVERY_MS).unref();
    },
  };
}
