import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The site speaks to its readers (retired cadres) as 您, never 你: every page, component and message.
describe('how the site addresses people', () => {
  it('says 您, never 你, in the interface text under src/', () => {
    const offending = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(astro|ts|tsx|json)$/.test(file))
      .flatMap((file) =>
        readFileSync(join('src', file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (line.includes('你') ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offending).toEqual([]);
  });
});
