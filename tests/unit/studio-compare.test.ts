import { describe, expect, it } from 'vitest';
import { compareText, describeLessonStatus } from '../../src/lib/studio-compare';
import { describeState } from '../../src/lib/studio-workflow';

describe('comparing two versions of a text', () => {
  it('pairs a changed line with the line it became and marks only the changed words', () => {
    expect(compareText('第一行\n誓词共八十个字。\n末行', '第一行\n誓词共八十个字，要背熟。\n末行')).toEqual([
      { kind: 'same', text: '第一行' },
      {
        kind: 'changed',
        before: [
          { text: '誓词共八十个字', changed: false },
          { text: '。', changed: false },
        ],
        after: [
          { text: '誓词共八十个字', changed: false },
          { text: '，要背熟', changed: true },
          { text: '。', changed: false },
        ],
      },
      { kind: 'same', text: '末行' },
    ]);
  });

  it('shows lines only one side has as added or removed', () => {
    expect(compareText('甲\n乙', '甲\n乙\n丙')).toEqual([
      { kind: 'same', text: '甲' },
      { kind: 'same', text: '乙' },
      { kind: 'added', text: '丙' },
    ]);
    expect(compareText('甲\n乙', '乙')).toEqual([
      { kind: 'removed', text: '甲' },
      { kind: 'same', text: '乙' },
    ]);
  });

  it('says where a lesson went in words', () => {
    expect(describeLessonStatus({ status: 'changed', positionBefore: 3, positionAfter: 2 })).toBe('有改动，从第3课移到第2课');
    expect(describeLessonStatus({ status: 'added', positionBefore: null, positionAfter: 4 })).toBe('新增的课（第4课）');
    expect(describeLessonStatus({ status: 'removed', positionBefore: 1, positionAfter: null })).toBe('删去的课（原第1课）');
  });
});

describe('the state of a course in words', () => {
  it('tells a published course with unsubmitted changes from one learners see as it is', () => {
    expect(describeState('draft', { number: 2 }, false).title).toBe('已发布（第2版）');
    expect(describeState('draft', { number: 2 }, true).title).toBe('已发布（第2版），有还没提交的修改');
    expect(describeState('draft', null, true).next).toContain('学员现在还看不到这门课。');
    expect(describeState('returned', { number: 1 }, true).next).toContain('学员现在看到的是第1版。');
  });
});
