import { describe, expect, it } from 'vitest';
import { charCount, reflectionBodyProblem, rejectReasonProblem } from '../../src/lib/reflection-rules';
import { describeDevice, isWeChatBrowser } from '../../src/lib/device';

describe('reflection rules', () => {
  it('counts characters as people see them, after trimming', () => {
    expect(charCount('  观后感  ')).toBe(3);
    expect(charCount('𠮷𠮷')).toBe(2);
  });

  it('says how many characters there are when the text is too short or too long', () => {
    expect(reflectionBodyProblem('好'.repeat(19))).toContain('19');
    expect(reflectionBodyProblem('好'.repeat(20))).toBeNull();
    expect(reflectionBodyProblem('好'.repeat(2000))).toBeNull();
    expect(reflectionBodyProblem('好'.repeat(2001))).toContain('2001');
  });

  it('wants a short reason', () => {
    expect(rejectReasonProblem(' ')).not.toBeNull();
    expect(rejectReasonProblem('内容与活动无关')).toBeNull();
    expect(rejectReasonProblem('长'.repeat(101))).not.toBeNull();
  });
});

describe('WeChat detection', () => {
  const wechat =
    'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/5279 MMWEBSDK/20230805 MMWEBID/1234 MicroMessenger/8.0.42.2460(0x28002A58) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
  it('knows WeChat’s built-in browser by its user agent', () => {
    expect(isWeChatBrowser(wechat)).toBe(true);
    expect(isWeChatBrowser('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe(false);
    expect(isWeChatBrowser(null)).toBe(false);
    expect(describeDevice(wechat)).toBe('安卓手机（微信里打开）');
  });
});
