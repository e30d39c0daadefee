import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { helpGuideSchema } from '../../src/schemas/help-guide';
import { screenFamilySchema, type PhoneScreen } from '../../src/schemas/phone-screen';
import { HELP_COMPONENT_PROPS } from '../../src/schemas/help-components';
import { parseComponentProps } from '../../src/schemas/component-props';
import { screenTargets } from '../../src/lib/phone-targets';
import { stripFrontmatter } from '../../src/lib/reading-time';

/** The help guides as authors wrote them (content/help/*.mdx) against CONTENT.md and the vocabulary. */
const root = 'content/help';
const guides = readdirSync(root).filter((file) => file.endsWith('.mdx'));
const screens = new Map<string, PhoneScreen>();
for (const file of readdirSync(join(root, 'screens')).filter((name) => name.endsWith('.yaml'))) {
  const family = screenFamilySchema.parse(parse(readFileSync(join(root, 'screens', file), 'utf8')));
  for (const [name, screen] of Object.entries(family.screens)) screens.set(`${file.replace(/\.yaml$/, '')}/${name}`, screen);
}

function frontmatter(source: string): unknown {
  return parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '');
}

/** Every component tag in the body with its literal attributes. */
function tags(body: string): Array<{ name: string; props: Record<string, string> }> {
  return [...body.matchAll(/<([A-Z][A-Za-z]*)((?:\s+[a-zA-Z]+="[^"]*")*)\s*\/?>/g)].map(([, name = '', attributes = '']) => ({
    name,
    props: Object.fromEntries([...attributes.matchAll(/([a-zA-Z]+)="([^"]*)"/g)].map(([, key = '', value = '']) => [key, value])),
  }));
}

/** Every file under src/ that makes up the site's pages, as one text, for the 本站使用 wording check. */
function siteSource(dir = 'src'): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? siteSource(join(dir, entry.name)) : /\.(astro|ts)$/.test(entry.name) ? readFileSync(join(dir, entry.name), 'utf8') : ''))
    .join('\n');
}

describe('help guides', () => {
  it('are at least 18, covering every task the issue names in its category', () => {
    const byCategory = new Map<string, string[]>();
    for (const file of guides) {
      const data = helpGuideSchema.parse(frontmatter(readFileSync(join(root, file), 'utf8')));
      byCategory.set(data.category, [...(byCategory.get(data.category) ?? []), data.title]);
    }
    expect(guides.length).toBeGreaterThanOrEqual(18);
    const expected: Record<string, RegExp[]> = {
      手机基础: [/字体/, /无线网络/, /安装/, /内存/],
      微信: [/视频通话/, /语音/, /照片/, /好友/, /群聊/],
      支付与安全: [/微信支付/, /电信诈骗/, /诈骗短信/],
      出行: [/网约车/, /乘车码/],
      就医: [/挂号/, /医保/],
      本站使用: [/登录/, /课/, /竞赛/, /观影|活动/],
    };
    for (const [category, tasks] of Object.entries(expected)) {
      const titles = byCategory.get(category) ?? [];
      for (const task of tasks) expect(titles.some((title) => task.test(title)), `${category} 缺少 ${task.source}`).toBe(true);
    }
  });

  it('include the four 本站使用 guides: signing in, a course, a contest, a screening', () => {
    const site = guides.filter((file) => helpGuideSchema.parse(frontmatter(readFileSync(join(root, file), 'utf8'))).category === '本站使用');
    expect(site.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of guides) {
    describe(file, () => {
      const source = readFileSync(join(root, file), 'utf8');
      const data = helpGuideSchema.parse(frontmatter(source));
      const body = stripFrontmatter(source);
      const used = tags(body);

      it('uses only the help vocabulary, with attributes its schemas accept', () => {
        for (const { name, props } of used) {
          expect(Object.keys(HELP_COMPONENT_PROPS), `<${name}>`).toContain(name);
          expect(() => parseComponentProps(name, HELP_COMPONENT_PROPS[name as keyof typeof HELP_COMPONENT_PROPS], props)).not.toThrow();
        }
      });

      it('teaches in numbered steps, each picture a drawn screen with its place to tap', () => {
        expect(used.some((tag) => tag.name === 'Steps')).toBe(true);
        const steps = used.filter((tag) => tag.name === 'Step');
        expect(steps.length).toBeGreaterThanOrEqual(2);
        for (const { props } of steps) {
          if (!props['screen']) continue;
          const screen = screens.get(props['screen']);
          expect(screen, `屏幕 ${props['screen']}`).toBeDefined();
          if (screen && props['tap']) expect(screenTargets(screen).map((target) => target.id)).toContain(props['tap']);
        }
      });

      it('has Android and iPhone variants exactly when it says they differ', () => {
        const platforms = new Set(used.filter((tag) => tag.name === 'Variant').map((tag) => tag.props['platform']));
        expect(platforms.size === 2).toBe(data.variants);
        if (!data.variants) expect(platforms.size).toBe(0);
      });

      it('ends with the safety reminder when it touches money or personal data', () => {
        const last = used.at(-1);
        if (data.sensitive) expect(last?.name).toBe('SafetyReminder');
        else expect(used.some((tag) => tag.name === 'SafetyReminder')).toBe(false);
      });

      it('has no invented check date: a date comes with the phone it was checked on', () => {
        if (data.checkedAt !== null) expect(data.checkedOn).toBeTruthy();
      });

      it('is written in Chinese with full-width punctuation', () => {
        const prose = body.replace(/<[^>]+>/g, '').replace(/^#+ /gm, '');
        expect(prose).not.toMatch(/[\u4e00-\u9fff][,;:?!]/u);
        expect(prose).not.toMatch(/[,;:?!][\u4e00-\u9fff]/u);
      });

      if (data.category === '本站使用') {
        it('names our own buttons exactly as the site writes them', () => {
          const site = siteSource();
          for (const { name, props } of used) {
            if (name === 'Step' && props['button']) expect(site, `按钮“${props['button']}”`).toMatch(new RegExp(`['">\`]\\s*${props['button']}\\s*['"<\`]`));
          }
        });
      }
    });
  }
});

/** The words a text says in its own voice: everything outside “…” and ‘…’ (quoted screen words stay as the screen has them). */
function ownWords(text: string): string {
  return text.replace(/“[^”]*”/g, '').replace(/‘[^’]*’/g, '');
}

describe('the voice of the help centre', () => {
  const files = [
    ...readdirSync(root).filter((file) => file.endsWith('.mdx') || file.endsWith('.practice.yaml')),
    ...readdirSync(join(root, 'fraud')).filter((file) => file.endsWith('.yaml')).map((file) => join('fraud', file)),
  ];

  it('finds quoted words and only those', () => {
    expect(ownWords('屏幕上写着“邀请你视频通话”，点‘接听’。你好')).toBe('屏幕上写着，点。你好');
  });

  it('says 您 to the reader, never 你, except in words quoted from a screen', () => {
    expect(files.length).toBeGreaterThanOrEqual(guides.length + 6);
    for (const file of files) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      const rude = lines.map((line, index) => ({ line: index + 1, text: line })).filter(({ text }) => ownWords(text).includes('你'));
      expect(rude, `${file} 里对读者说了“你”，请改成“您”（从屏幕上原样引用的字放在引号里）`).toEqual([]);
    }
  });
});
