import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { htmlToHast } from 'satteri';
import type { Root as HastRoot, RootContent as HastContent } from 'hast';
import StudioBody from '../../src/components/studio/StudioBody.astro';
import { compileStudioLesson } from '../../src/lib/studio-mdx';
import type { CompileOutcome, StudioNode } from '../../src/lib/studio-tree';

/**
 * Studio content cannot run code (issue 13, item 4). Each payload goes through what saving does
 * (compileStudioLesson), what is stored (JSON), what publishing does (the same compiler again) and
 * what a learner's page does (StudioBody, rendered with the Astro container as a request-time page
 * would). A payload is either refused, with every problem in Chinese pointing at a line of the
 * text, or compiled into something whose rendered HTML, parsed as a browser parses it, holds
 * nothing executable: no script-capable element, no event handler, no style, no javascript:/data:
 * address.
 */

type Expect = 'refused' | 'text';
/** [what it tries, the lesson text, whether the checker refuses it or it ends up as harmless text] */
const PAYLOADS: Array<[string, string, Expect]> = [
  // Script tags
  ['script tag', '<script>alert(1)</script>', 'refused'],
  ['script tag, upper case, remote', '<SCRIPT SRC="//evil.example/x.js"></SCRIPT>', 'refused'],
  ['script inside a component', '<Quote source="党章">\n\n<script>alert(1)</script>\n\n</Quote>', 'refused'],
  ['script after a paragraph', '一段文字\n\n<script src="/x.js" />', 'refused'],
  ['nested script trick', '<scr<script>ipt>alert(1)</script>', 'refused'],
  ['closing a component early', '<Quote source="a">\n\n</Quote><script>alert(1)</script>', 'refused'],
  ['script inline in text', '文字<script>alert(1)</script>文字', 'refused'],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe>', 'refused'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>" />', 'refused'],
  ['object', '<object data="javascript:alert(1)"></object>', 'refused'],
  ['embed', '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" />', 'refused'],
  ['base', '<base href="javascript:/" />', 'refused'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)" />', 'refused'],
  ['form action', '<form action="javascript:alert(1)"><button>提交</button></form>', 'refused'],
  ['HTML comment hiding a script', '<!--<script>alert(1)</script>-->', 'refused'],
  ['CDATA', '<![CDATA[<script>alert(1)</script>]]>', 'refused'],
  // Event handlers
  ['img onerror', '<img src=x onerror=alert(1)>', 'refused'],
  ['img onerror, quoted', '<img src="x" onerror="alert(1)" />', 'refused'],
  ['body onload', '<body onload="alert(1)" />', 'refused'],
  ['details ontoggle', '<details open ontoggle="alert(1)" />', 'refused'],
  ['link with onclick', '<a href="/" onclick="alert(1)">点这里</a>', 'refused'],
  ['handler on a vocabulary component', '<Quote source="党章" onClick="alert(1)">\n\n原文\n\n</Quote>', 'refused'],
  ['handler on 要点', '<KeyPoints onmouseover="alert(1)">\n\n- 一\n\n</KeyPoints>', 'refused'],
  ['handler on 图片', '<Figure src="/a.jpg" alt="图" onerror="alert(1)" />', 'refused'],
  ['autofocus and onfocus on 小测', '<SelfCheck question="问" answer="答" onfocus="alert(1)" autofocus="" />', 'refused'],
  ['handler on a second line of the tag', '<Quote source="党章"\n  onclick="alert(1)">\n\n原文\n\n</Quote>', 'refused'],
  // javascript: and data: addresses
  ['javascript: link', '[点我](javascript:alert(1))', 'refused'],
  ['javascript: link, mixed case', '[点我](JaVaScRiPt:alert(1))', 'refused'],
  ['javascript: link, one entity', '[点我](java&#115;cript:alert(1))', 'refused'],
  ['javascript: link, all entities', '[点我](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))', 'refused'],
  ['javascript: link, named colon entity', '[点我](javascript&colon;alert(1))', 'refused'],
  ['javascript: link in angle brackets', '[点我](<javascript:alert(1)>)', 'refused'],
  ['javascript: link with a line break', '[点我](<java\nscript:alert(1)>)', 'refused'],
  ['javascript: link, percent-encoded newline', '[点我](java%0ascript:alert(1))', 'refused'],
  ['javascript: link, NUL inside', '[点我](java\u0000script:alert(1))', 'refused'],
  ['data: link', '[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', 'refused'],
  ['vbscript: link', '[点我](vbscript:msgbox(1))', 'refused'],
  ['protocol-relative link', '[点我](//evil.example/)', 'refused'],
  ['backslash host link', '[点我](/\\evil.example/)', 'refused'],
  ['link title breaking out', '[点我](/a/ "标题\\" onclick=\\"alert(1)")', 'text'],
  ['javascript: image', '![图](javascript:alert(1))', 'refused'],
  ['javascript: in 图片', '<Figure src="javascript:alert(1)" alt="图" />', 'refused'],
  ['data: svg in 图片', '<Figure src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="图" />', 'refused'],
  ['remote 图片', '<Figure src="//evil.example/x.png" alt="图" />', 'refused'],
  ['图片 src breaking out with entities', '<Figure src="/a.jpg&quot; onerror=&quot;alert(1)" alt="图" />', 'refused'],
  ['reference link to javascript:', '[点我][x]\n\n[x]: javascript:alert(1)', 'refused'],
  // SVG and MathML
  ['svg onload', '<svg onload="alert(1)" />', 'refused'],
  ['script inside svg', '<svg><script>alert(1)</script></svg>', 'refused'],
  ['svg link with xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text>点</text></a></svg>', 'refused'],
  ['svg animate onbegin', '<svg><animate onbegin="alert(1)" attributeName="x" dur="1s" /></svg>', 'refused'],
  ['svg foreignObject', '<svg><foreignObject><iframe srcdoc="x" /></foreignObject></svg>', 'refused'],
  ['mathml maction', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>', 'refused'],
  ['mathml href', '<math href="javascript:alert(1)">点</math>', 'refused'],
  // CSS
  ['style element', '<style>{"body{background:url(javascript:alert(1))}"}</style>', 'refused'],
  ['CSS expression on a div', '<div style="width: expression(alert(1))">x</div>', 'refused'],
  ['style on a component', '<Discussion style="background:url(javascript:alert(1))">\n\n问题\n\n</Discussion>', 'refused'],
  ['class on a component', '<KeyPoints class="x">\n\n- 一\n\n</KeyPoints>', 'refused'],
  ['stylesheet link', '<link rel="stylesheet" href="data:text/css,*{x:expression(alert(1))}" />', 'refused'],
  // Entity and Unicode tricks that must stay text
  ['escaped script tag as entities', '&lt;script&gt;alert(1)&lt;/script&gt;', 'text'],
  ['numeric entities', '&#60;script&#62;alert(1)&#60;/script&#62;', 'text'],
  ['hex entities in a heading', '## &#x3C;img src=x onerror=alert(1)&#x3E;', 'text'],
  ['backslash-escaped tags', '\\<script>alert(1)\\</script>', 'text'],
  ['full-width angle brackets', '＜script＞alert(1)＜/script＞', 'text'],
  ['script in a component attribute', '<Quote source="</figcaption><script>alert(1)</script>">\n\n原文\n\n</Quote>', 'text'],
  ['attribute breaking out with entities', '<LessonQuiz tag="&quot;><script>alert(1)</script>" />', 'text'],
  ['html in 小测 answer', '<SelfCheck question="<img src=x onerror=alert(1)>" answer="</details><script>alert(1)</script>" />', 'text'],
  ['right-to-left override in alt text', '<Figure src="/a.jpg" alt="\u202egnp.exe 图" />', 'text'],
  ['zero-width space in javascript:', '[点我](java\u200bscript:alert(1))', 'refused'],
  ['long s in a tag name', '<ſcript>alert(1)</ſcript>', 'refused'],
  ['unicode escapes in a link', '[点我](\\u006aavascript:alert(1))', 'refused'],
  // MDX expressions, imports and exports
  ['expression', '{alert(1)}', 'refused'],
  ['expression in text', '文字{alert(1)}文字', 'refused'],
  ['comment expression', '{/* 注释 */}', 'refused'],
  ['expression as an attribute', '<Quote source={alert(1)}>\n\n原文\n\n</Quote>', 'refused'],
  ['spread attribute', "<Quote {...{ source: 'x', onClick: alert }}>\n\n原文\n\n</Quote>", 'refused'],
  ['expression as a child', "<Quote source=\"a\">{'<script>alert(1)</script>'}</Quote>", 'refused'],
  ['eval', "{eval(atob('YWxlcnQoMSk='))}", 'refused'],
  ['fragment', '<>{alert(1)}</>', 'refused'],
  ['export', 'export const x = alert(1)', 'refused'],
  ['import of a data: module', 'import x from "data:text/javascript,alert(1)"', 'refused'],
  ['import of the database', "import { getDb } from '../lib/server/db'", 'refused'],
  ['unbalanced brace', '文字 { 没有配对', 'refused'],
  // Unknown components and directives
  ['unknown component', '<Script>alert(1)</Script>', 'refused'],
  ['Fragment with set:html', '<Fragment set:html="<script>alert(1)</script>" />', 'refused'],
  ['set:html on a vocabulary component', '<Quote source="a" set:html="<script>alert(1)</script>">\n\n原文\n\n</Quote>', 'refused'],
  ['is:raw on a vocabulary component', '<Discussion is:raw="">\n\n<script>alert(1)</script>\n\n</Discussion>', 'refused'],
  ['member of a component', '<KeyPoints.constructor />', 'refused'],
  ['member of the components map', '<mdxComponents.Quote source="a" />', 'refused'],
  ['Astro.self', '<Astro.self nodes="x" />', 'refused'],
  ['component inline in text', '文字<Quote source="a">原文</Quote>', 'refused'],
  // Broken attributes
  ['repeated attribute', '<Quote source="a" source="<script>">\n\n原文\n\n</Quote>', 'refused'],
  ['unclosed attribute value', '<Quote source="a>\n\n原文\n\n</Quote>', 'refused'],
  ['attribute without a value', '<Quote source="a" onclick>\n\n原文\n\n</Quote>', 'refused'],
  ['unquoted attribute value', '<Quote source=a>\n\n原文\n\n</Quote>', 'refused'],
  ['width smuggling a handler', '<Figure src="/a.jpg" alt="图" width="100 onload=alert(1)" />', 'refused'],
  ['ids smuggling a handler', '<LessonQuiz ids="3,5&quot; onclick=&quot;alert(1)" />', 'refused'],
  ['unclosed component', '<KeyPoints>\n\n- 一', 'refused'],
  ['mismatched closing tag', '<KeyPoints>\n\n- 一\n\n</Discussion>', 'refused'],
];

const SCRIPT_CAPABLE = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form',
  'svg', 'math', 'template', 'input', 'button', 'textarea', 'select', 'noscript', 'portal',
]);
const URL_PROPERTIES = new Set(['href', 'src', 'action', 'formAction', 'poster', 'background', 'data', 'cite', 'xLinkHref', 'srcSet', 'srcDoc', 'ping']);

/** Everything executable in rendered HTML, parsed the way a browser parses it. */
function executable(html: string): string[] {
  const found: string[] = [];
  const visit = (node: HastRoot | HastContent) => {
    if (node.type === 'element') {
      if (SCRIPT_CAPABLE.has(node.tagName.toLowerCase())) found.push(`<${node.tagName}>`);
      for (const [name, value] of Object.entries(node.properties ?? {})) {
        const lower = name.toLowerCase();
        if (lower.startsWith('on')) found.push(`${name}=${String(value)}`);
        if (lower === 'style' || lower === 'srcdoc') found.push(`${name}=${String(value)}`);
        if (URL_PROPERTIES.has(name)) {
          // What a browser would resolve: control characters and spaces dropped before the scheme is read.
          const address = String(value).replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
          if (!/^\/(?![/\\])/.test(address) && !/^https?:\/\//.test(address)) found.push(`${name}=${String(value)}`);
        }
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(htmlToHast(html, { fragment: true }) as HastRoot);
  return found;
}

const container = await AstroContainer.create();
const request = () => new Request('http://localhost/courses/course-1/lesson-1/');
const render = (nodes: StudioNode[]) => container.renderToString(StudioBody, { props: { nodes }, request: request() });

/** Saving, storing and publishing a lesson text: the compiler twice, through JSON, as the database keeps it. */
function saveAndPublish(source: string): { saved: CompileOutcome; published: CompileOutcome } {
  const saved = compileStudioLesson(source);
  const published = compileStudioLesson(source);
  return { saved: JSON.parse(JSON.stringify(saved)) as CompileOutcome, published: JSON.parse(JSON.stringify(published)) as CompileOutcome };
}

describe('studio content cannot run code', () => {
  it('feeds at least 60 payloads of every kind', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(PAYLOADS.map(([name]) => name)).size).toBe(PAYLOADS.length);
  });

  it('the suite itself sees executable HTML when there is some', () => {
    expect(executable('<p onclick="x">a</p><img src=x onerror=alert(1)><a href=" java\tscript:alert(1)">b</a><svg></svg>')).toEqual([
      'onClick=x',
      'src=x',
      'onError=alert(1)',
      'href= java\tscript:alert(1)',
      '<svg>',
    ]);
    expect(executable('<p><a href="/a/">a</a><a href="https://x.example/">b</a></p>')).toEqual([]);
  });

  for (const [name, source, expected] of PAYLOADS) {
    it(`${name}: ${expected === 'refused' ? 'refused in Chinese at its line' : 'kept as harmless text'}`, async () => {
      const { saved, published } = saveAndPublish(source);
      expect(published, 'publishing checks exactly as saving does').toEqual(saved);
      const lines = source.split('\n').length;
      if (!saved.ok) {
        expect(expected, JSON.stringify(saved.problems)).toBe('refused');
        expect(saved.problems.length).toBeGreaterThan(0);
        for (const problem of saved.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lines);
          expect(problem.column).toBeGreaterThanOrEqual(1);
          // Chinese, and no English sentence from a parser leaking through.
          expect(problem.message).toMatch(/\p{Script=Han}/u);
          expect(problem.message).not.toMatch(/\b(Unexpected|Expected|Could not|character|expression)\b/);
        }
        return;
      }
      expect(expected, 'compiled although it should be refused').toBe('text');
      const html = await render(saved.value.nodes);
      expect(executable(html), html).toEqual([]);
    });
  }
});

describe('StudioBody renders only what the allow-list keeps, even from a tampered stored tree', () => {
  const text = (value: string): StudioNode => ({ kind: 'text', value });

  it('renders disallowed elements as their escaped text, and drops handlers, styles and unsafe links', async () => {
    const html = await render([
      { kind: 'element', tag: 'script', attrs: {}, children: [text('alert(1)')] },
      { kind: 'element', tag: 'img', attrs: { src: 'x', onerror: 'alert(2)' }, children: [] },
      { kind: 'element', tag: 'p', attrs: { onclick: 'alert(3)', style: 'x:expression(alert(4))' }, children: [text('<script>alert(5)</script>')] },
      { kind: 'element', tag: 'a', attrs: { href: 'javascript:alert(6)' }, children: [text('点我')] },
      { kind: 'element', tag: 'a', attrs: { href: '/courses/', title: '课程' }, children: [text('课程')] },
      { kind: 'element', tag: 'h2', attrs: { id: 'x" onmouseover="alert(7)' }, children: [text('标题')] },
    ]);
    expect(executable(html), html).toEqual([]);
    expect(html).toContain('<a href="/courses/" title="课程">课程</a>');
    expect(html).toContain('<a>点我</a>');
    expect(html).toContain('&lt;script&gt;alert(5)&lt;/script&gt;');
  });

  it('passes a component only the props its schema knows, and skips a component the vocabulary does not have', async () => {
    const html = await render([
      { kind: 'component', name: 'Quote', props: { source: '党章', 'set:html': '<script>alert(1)</script>', onclick: 'alert(2)' }, children: [text('原文')] },
      { kind: 'component', name: 'Evil' as never, props: {}, children: [text('里面的字')] },
    ]);
    expect(executable(html), html).toEqual([]);
    expect(html).toContain('<figcaption>出处：党章</figcaption>');
    expect(html).toContain('里面的字');
    expect(html).not.toContain('alert');
  });
});
