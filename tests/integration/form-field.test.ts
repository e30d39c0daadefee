import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import Field from '../../src/components/form/Field.astro';

/** The shared field (src/components/form/Field.astro): one-line and text-area forms share label, hint and error. */
const container = await AstroContainer.create();

async function render(props: Record<string, unknown>): Promise<string> {
  // Scoped-style attributes are Astro's, not the field's.
  return (await container.renderToString(Field, { props })).replace(/ data-astro-cid-\w+(="")?/g, '');
}

/** One element's opening tag, by its tag name. */
function tag(html: string, name: string): string {
  return html.match(new RegExp(`<${name}\\b[^>]*>`))?.[0] ?? '';
}

describe('Field', () => {
  it('as a text area keeps what was typed, with its hint and error named by aria-describedby', async () => {
    const html = await render({ name: 'note', label: '说明', multiline: true, rows: 3, maxlength: 200, hint: '最多200个字。', value: '对方耳背\n下午再打', error: '说明最多写200个字。' });
    const area = tag(html, 'textarea');
    expect(area).toContain('id="field-note"');
    expect(area).toContain('name="note"');
    expect(area).toContain('rows="3"');
    expect(area).toContain('maxlength="200"');
    expect(area).toContain('aria-invalid="true"');
    expect(area).toContain('aria-describedby="field-note-hint field-note-error"');
    expect(html).toMatch(/<textarea[^>]*>对方耳背\n下午再打<\/textarea>/);
    expect(html).toMatch(/<p class="error" id="field-note-error">\s*<strong>错误：<\/strong>\s*说明最多写200个字。\s*<\/p>/);
    expect(html).toContain('<label for="field-note">说明</label>');
    expect(html).not.toContain('<input');
  });

  it('a one-line field and a text area write the label, hint and error the same way', async () => {
    const props = { name: 'hours', label: '用时', hint: '填0到8之间的数。', error: '用时请填0到8小时之间的数。', required: false };
    const line = await render({ ...props, inputmode: 'decimal', value: '9' });
    const area = await render({ ...props, multiline: true, value: '9' });
    const shared = (html: string) => html.slice(0, Math.min(...['<div class="input-row"', '<textarea'].map((t) => html.indexOf(t)).filter((i) => i >= 0)));
    expect(shared(area)).toBe(shared(line));
    expect(shared(line)).toContain('<label for="field-hours">用时（选填）</label>');
    expect(shared(line)).toContain('<p class="hint" id="field-hours-hint">填0到8之间的数。</p>');
    expect(shared(line)).toContain('用时请填0到8小时之间的数。');
    expect(shared(line)).toMatch(/class="field has-error"/);
    expect(tag(line, 'input')).toContain('inputmode="decimal"');
    expect(tag(line, 'input')).toContain('value="9"');
    expect(line).not.toContain('<textarea');
  });

  it('without an error there is no error text, and aria-describedby names only the hint', async () => {
    const html = await render({ name: 'problem', label: '问题', multiline: true, hint: '请不要写手机号。' });
    expect(html).not.toContain('field-problem-error');
    expect(tag(html, 'textarea')).toContain('aria-describedby="field-problem-hint"');
    expect(tag(html, 'textarea')).not.toContain('aria-invalid');
    expect(html).toMatch(/<textarea[^>]*><\/textarea>/);
  });
});
