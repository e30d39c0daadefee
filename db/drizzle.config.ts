import { defineConfig } from 'drizzle-kit';
import { getConfig } from '../src/lib/server/config';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: getConfig().databaseUrl },
});
