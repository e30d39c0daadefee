// Writes the lesson editor's palette (a plain object) from the lesson vocabulary's schemas, so the
// editor island's bundle holds no zod. Runs before every build (package.json "prebuild").
import { readFileSync, writeFileSync } from 'node:fs';
import { paletteModule } from '../src/lib/lesson-palette';

const target = new URL('../src/islands/editor/palette.ts', import.meta.url);
const text = paletteModule();
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // Not written yet.
}
if (current !== text) writeFileSync(target, text);
