import { describe, expect, it } from 'vitest';
import { parseComponentProps } from '../../src/schemas/component-props';
import {
  platformSwitchPropsSchema,
  safetyReminderPropsSchema,
  stepPropsSchema,
  stepsPropsSchema,
  variantPropsSchema,
} from '../../src/schemas/help-components';
import { checkStepsHtml, numberSteps } from '../../src/lib/help-steps';
import { appText, checkedText, mostReadFirst, NOT_YET_CHECKED } from '../../src/lib/help-guides';
import { SAFETY_REMINDERS, SAFETY_TOPICS } from '../../src/lib/help-safety';

/** The help vocabulary's props and its structure check, as authors meet them in the build's errors. */
describe('help component props', () => {
  it('a step may name a screen, the place to tap and the words on the button', () => {
    expect(parseComponentProps('Step', stepPropsSchema, { screen: 'wechat/chat', tap: 'plus', button: '＋' })).toEqual({ screen: 'wechat/chat', tap: 'plus', button: '＋' });
    expect(parseComponentProps('Step', stepPropsSchema, {})).toEqual({});
    // What Astro adds when the page styles the tag is not the author's and is not refused.
    expect(parseComponentProps('Step', stepPropsSchema, { class: 'x', 'data-astro-cid-abc123': '' })).toEqual({});
  });

  it('names the component and the prop when a step is written wrong', () => {
    expect(() => parseComponentProps('Step', stepPropsSchema, { tap: 'plus' })).toThrow(/<Step> 的写法不对：tap：写了 tap（要点的地方），也要写 screen/);
    expect(() => parseComponentProps('Step', stepPropsSchema, { screen: 'wechat' })).toThrow(/<Step> 的写法不对：screen：/);
    expect(() => parseComponentProps('Step', stepPropsSchema, { screen: 'wechat/chat', tap: 'Video Call' })).toThrow(/tap：要点的地方写屏幕里元素的 id/);
    expect(() => parseComponentProps('Step', stepPropsSchema, { screen: 'wechat/chat', picture: 'x.png' })).toThrow(/没有这个属性：picture/);
  });

  it('a variant is for 安卓手机 or 苹果手机 only', () => {
    expect(parseComponentProps('Variant', variantPropsSchema, { platform: 'iphone' })).toEqual({ platform: 'iphone' });
    expect(() => parseComponentProps('Variant', variantPropsSchema, { platform: 'huawei' })).toThrow(/<Variant> 的写法不对：platform：platform 只能写 android（安卓手机）或 iphone（苹果手机）/);
    expect(() => parseComponentProps('Variant', variantPropsSchema, {})).toThrow(/<Variant>/);
  });

  it('a safety reminder names one of the known topics, and each topic says what to do', () => {
    expect(parseComponentProps('SafetyReminder', safetyReminderPropsSchema, { topic: 'money' })).toEqual({ topic: 'money' });
    expect(() => parseComponentProps('SafetyReminder', safetyReminderPropsSchema, { topic: 'health' })).toThrow(/topic 只能写 money、password、personal-data 之一/);
    for (const topic of SAFETY_TOPICS) expect(SAFETY_REMINDERS[topic].points.join('')).toContain('96110');
  });

  it('Steps and PlatformSwitch take no attributes', () => {
    expect(() => parseComponentProps('Steps', stepsPropsSchema, { start: '3' })).toThrow(/<Steps> 的写法不对：属性：没有这个属性：start/);
    expect(() => parseComponentProps('PlatformSwitch', platformSwitchPropsSchema, { default: 'android' })).toThrow(/<PlatformSwitch>/);
    expect(parseComponentProps('Steps', stepsPropsSchema, { class: 'x' })).toEqual({});
  });
});

describe('the check <Steps> runs on its children', () => {
  const step = (words: string): string => `<li class="help-step" data-read-step><div><p>${words}</p><svg viewBox="0 0 1 1"><path d="M0 0"/></svg><ul><li>注</li></ul></div></li>`;

  it('accepts steps separated by white space, whatever they hold', () => {
    expect(checkStepsHtml(`${step('点加号。')}\n  ${step('点视频通话。<br>')}`)).toEqual([]);
  });

  it('says in words what stands outside a step', () => {
    expect(checkStepsHtml(`<p>先打开微信。</p>${step('点加号。')}`)).toEqual(['<Steps> 里只能放 <Step>，第 1 步的位置上是别的内容：“先打开微信。”']);
    expect(checkStepsHtml(`${step('点加号。')}然后等一会儿`)).toEqual(['<Steps> 里只能放 <Step>，这段文字在 <Step> 外面：“然后等一会儿”']);
    expect(checkStepsHtml('<ol><li>一个 markdown 列表</li></ol>')).toHaveLength(1);
  });

  it('wants at least one step', () => {
    expect(checkStepsHtml('  \n ')).toEqual(['<Steps> 里至少要有一个 <Step>']);
  });

  it('numbers the steps in order, so 第 n 步 is read aloud with each', () => {
    const html = numberSteps('<li><strong data-step-number></strong>a</li><li><strong data-step-number=""></strong>b</li>');
    expect(html).toBe('<li><strong data-step-number>第 1 步</strong>a</li><li><strong data-step-number>第 2 步</strong>b</li>');
  });
});

describe('guide wording', () => {
  it('says 待真机核对 until the steps were checked, never a date', () => {
    expect(checkedText(null)).toBe(NOT_YET_CHECKED);
    expect(checkedText('2026-03-05')).toBe('2026年3月5日');
  });

  it('names the app and its version once', () => {
    expect(appText({ app: '微信', appVersion: '8.0' })).toBe('微信 8.0');
    expect(appText({ app: '微信', appVersion: '微信 8.0' })).toBe('微信 8.0');
  });

  it('lists the most-read guides first, keeping the given order between equals', () => {
    const guides = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
    expect(mostReadFirst(guides, new Map([['c', 5], ['b', 2], ['d', 2]])).map((guide) => guide.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});

describe('这篇有帮助吗 input', () => {
  it('takes an empty comment box (sent as nothing) as no comment, and refuses an oversized one in words', async () => {
    const { guideFeedbackSchema } = await import('../../src/schemas/guide-feedback');
    expect(guideFeedbackSchema.parse({ guideId: 'site-login', helpful: 'no', comment: null })).toEqual({ guideId: 'site-login', helpful: false, comment: '' });
    expect(guideFeedbackSchema.parse({ guideId: 'site-login', helpful: 'yes' })).toEqual({ guideId: 'site-login', helpful: true, comment: '' });
    expect(guideFeedbackSchema.safeParse({ guideId: 'site-login', helpful: 'yes', comment: '长'.repeat(301) }).error?.issues[0]?.message).toBe('想说的话请不要超过 300 个字。');
    expect(guideFeedbackSchema.safeParse({ guideId: '../etc', helpful: 'yes' }).success).toBe(false);
  });
});
