import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { server } from '../../src/actions';
import { ACTION_ACCESS, actionAccess, ENDPOINT_ACCESS, PAGE_ACCESS, routeRule } from '../../src/lib/access-map';
import { declaredAccess } from '../../src/lib/server/guarded-action';

/** Every action in `server`, by the name a form or script calls it with ('auth.login'). */
function definedActions(): Array<[string, object]> {
  return Object.entries(server).flatMap(([domain, actions]) => Object.entries(actions).map(([name, action]): [string, object] => [`${domain}.${name}`, action as object]));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

/** Astro's route pattern for a file under src/pages ('admin/import/index.astro' → '/admin/import'). */
export function routePatternOf(file: string): string {
  const segments = file.replace(/\.(astro|ts)$/, '').split('/');
  if (segments.at(-1) === 'index') segments.pop();
  return `/${segments.join('/')}`;
}

const pageFiles = sourceFiles('src/pages').map((file) => relative('src/pages', file));

describe('the action map', () => {
  it('has an entry for every action in `server`, and none for actions that do not exist', () => {
    const names = definedActions().map(([name]) => name);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(actionAccess(name), `${name} has no rule in ACTION_ACCESS`).toBeDefined();
    expect(Object.keys(ACTION_ACCESS).sort()).toEqual([...names].sort());
  });

  it('is what each handler checks: the wrapper it was defined with names the same rule', () => {
    for (const [name, action] of definedActions()) expect(declaredAccess(action), name).toBe(ACTION_ACCESS[name]);
  });

  it('refuses names it does not know', () => {
    expect(actionAccess('admin.dropEverything')).toBeUndefined();
    expect(actionAccess('toString')).toBeUndefined();
    expect(actionAccess('__proto__')).toBeUndefined();
  });
});

describe('the route map', () => {
  it('has a rule for every page and endpoint file, of the right kind', () => {
    expect(pageFiles.length).toBeGreaterThan(40);
    for (const file of pageFiles) {
      const rule = routeRule(routePatternOf(file));
      expect(rule, `src/pages/${file} has no rule in PAGE_ACCESS or ENDPOINT_ACCESS`).toBeDefined();
      expect(rule?.endpoint, file).toBe(file.endsWith('.ts'));
    }
  });

  it('gives every page that needs a person a rule that admits only signed-in people', () => {
    for (const file of pageFiles) {
      const source = readFileSync(join('src/pages', file), 'utf8');
      if (!/routeUser\(|contestPage\(Astro\)/.test(source)) continue;
      expect(routeRule(routePatternOf(file))?.access, file).not.toBe('public');
    }
  });

  it('names no route that has no file', () => {
    const patterns = new Set(pageFiles.map(routePatternOf));
    for (const pattern of [...Object.keys(PAGE_ACCESS), ...Object.keys(ENDPOINT_ACCESS)]) expect(patterns.has(pattern), pattern).toBe(true);
    expect(routeRule('/admin/secret')).toBeUndefined();
  });

  it('leaves role checks to the map: no page, endpoint, action or component compares roles itself', () => {
    const files = ['src/pages', 'src/actions', 'src/components', 'src/layouts'].flatMap(sourceFiles);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/hasRole\(|requireRole\(|includes\('(learner|instructor|organiser|admin)'\)|\[\s*'(learner|instructor|organiser|admin)',/);
    }
  });
});
