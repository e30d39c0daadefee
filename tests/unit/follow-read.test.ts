import { describe, expect, it } from 'vitest';
import { repeatPauseMs, silentLineMs, spokenLength } from '../../src/lib/follow-read';

describe('跟读 timing', () => {
  it('counts the characters a person says, not punctuation or spaces', () => {
    expect(spokenLength('我志愿加入中国共产党，')).toBe(10);
    expect(spokenLength('“为人民服务” 1944 年')).toBe(10);
    expect(spokenLength('，。！')).toBe(0);
  });

  it('gives a longer line a longer pause, and a slower speed more time', () => {
    const short = repeatPauseMs('对党忠诚，');
    const long = repeatPauseMs('随时准备为党和人民牺牲一切，');
    expect(long).toBeGreaterThan(short);
    expect(repeatPauseMs('随时准备为党和人民牺牲一切，', 0.8)).toBeGreaterThan(long);
    expect(repeatPauseMs('随时准备为党和人民牺牲一切，', 1.2)).toBeLessThan(long);
  });

  it('never pauses less than two seconds or more than twenty', () => {
    expect(repeatPauseMs('好')).toBe(2000);
    expect(repeatPauseMs('长'.repeat(500))).toBe(20_000);
    expect(repeatPauseMs('好', 0)).toBe(2000);
  });

  it('keeps a silent line lit for reading it and saying it again', () => {
    expect(silentLineMs('永不叛党。')).toBe(2 * repeatPauseMs('永不叛党。'));
  });
});
