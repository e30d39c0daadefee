import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arabicToChinese, chineseNumeralValue, chineseToArabic } from '../../src/lib/chinese-numerals';
import { EMPTY_FILL, fillAnswerKey, isCorrect, validateResponse, type QuestionContent } from '../../src/lib/question-rules';

const fill = (...accepted: string[]): Pick<QuestionContent, 'answer' | 'options'> => ({
  options: [],
  answer: { type: 'fill', accepted },
});
const judged = (accepted: string, typed: string): boolean => isCorrect(fill(accepted), { type: 'fill', text: typed });

/** Digit by digit, the way a year is read aloud: 1935 → 一九三五. */
const DIGIT_NAMES = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const readDigits = (value: number): string => [...String(value)].map((digit) => DIGIT_NAMES[Number(digit)]).join('');

// Characters a person may add or leave out around and inside an answer without changing it.
const noise = fc.constantFrom(' ', '　', '，', '。', '、', '“', '”', '《', '》', '-', '·', '！', '?', '（', '）');
const han = fc.constantFrom(...'党中央规定项条年会议精神纪律组织');

describe('Chinese numerals', () => {
  it('reads the numbers people write', () => {
    const cases: Array<[string, string]> = [
      ['八', '8'],
      ['十', '10'],
      ['十二', '12'],
      ['二十', '20'],
      ['一百零五', '105'],
      ['一百五', '150'],
      ['两百', '200'],
      ['三千零五', '3005'],
      ['一千九百三十五', '1935'],
      ['一九三五', '1935'],
      ['二〇二一', '2021'],
      ['零', '0'],
      ['一万', '10000'],
      ['两万三千', '23000'],
      ['一万零五', '10005'],
    ];
    for (const [chinese, digits] of cases) expect(chineseNumeralValue(chinese), chinese).toBe(digits);
    for (const notANumber of ['十十', '三五百', '万', '一两五', '百']) expect(chineseNumeralValue(notANumber), notANumber).toBeNull();
  });

  it('writes numbers back for searching: 8项规定 → 八项规定, 1921年 → 一九二一年', () => {
    expect(arabicToChinese('8项规定')).toBe('八项规定');
    expect(arabicToChinese('1921年')).toBe('一九二一年');
    expect(arabicToChinese('２０２１年')).toBe('二〇二一年');
    expect(arabicToChinese('第12条')).toBe('第十二条');
    expect(arabicToChinese('红船')).toBe('红船');
  });

  it('folds every number 0–9999 written with units back to its digits', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), (value) => chineseToArabic(arabicToChinese(String(value))) === String(value)));
  });

  it('folds a year read digit by digit to its digits', () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 2999 }), (year) => chineseToArabic(`${readDigits(year)}年`) === `${year}年`));
  });
});

describe('judging 填空 answers like a person would', () => {
  it('accepts the examples of the walkthrough', () => {
    expect(judged('八项', '8项')).toBe(true);
    expect(judged('8项', '八项')).toBe(true);
    expect(judged('1935年', '一九三五年')).toBe(true);
    expect(judged('一九三五年', '1935年')).toBe(true);
    expect(judged('1935年', '一千九百三十五年')).toBe(true);
    expect(judged('中央八项规定', '中央 8 项规定。')).toBe(true);
    expect(judged('1935年', '１９３５年')).toBe(true);
    expect(judged('1,000', '1000')).toBe(true);
  });

  it('still refuses a different number or word', () => {
    expect(judged('八项', '9项')).toBe(false);
    expect(judged('1935年', '一九三六年')).toBe(false);
    expect(judged('3.14', '314')).toBe(false);
    expect(judged('遵义会议', '古田会议')).toBe(false);
  });

  it('counts any number in digits or in Chinese numerals as the same answer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.constantFrom('项', '年', '条', '个', ''), (value, unit) => {
        const chinese = arabicToChinese(String(value));
        return judged(`${value}${unit}`, `${chinese}${unit}`) && judged(`${chinese}${unit}`, `${value}${unit}`);
      }),
    );
  });

  it('ignores spaces and punctuation added anywhere, and full-width letters and digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(han, fc.constantFrom(...'0123456789abc')), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.tuple(fc.nat(), noise), { maxLength: 5 }),
        (chars, inserts) => {
          const accepted = chars.join('');
          const typed = [...chars];
          for (const [at, mark] of inserts) {
            const place = at % (typed.length + 1);
            // Between two digits a mark separates two numbers (1、2 ≠ 12): tested on its own below.
            if (!(/\d/u.test(typed[place - 1] ?? '') && /\d/u.test(typed[place] ?? ''))) typed.splice(place, 0, mark);
          }
          const fullWidth = typed.join('').replace(/[0-9a-z]/gu, (char) => String.fromCodePoint(char.codePointAt(0)! + 0xfee0));
          // A decimal point between digits is the one mark that counts; the noise holds none.
          return judged(accepted, typed.join('')) && judged(accepted, fullWidth);
        },
      ),
    );
  });

  it('keeps distinct numbers distinct', () => {
    // A hand-written oracle: [accepted, typed, same answer?] as a person marking the paper would decide.
    const oracle: Array<[string, string, boolean]> = [
      ['五一', '51', false], // 五一劳动节 is a name, not fifty-one
      ['五一', '五十一', false],
      ['五十一', '51', true],
      ['一二', '12', false], // “one or two”, or 一二·九
      ['十二', '12', true],
      ['七一', '七十一', false],
      ['五一年', '1951年', false],
      ['五一年', '51年', true],
      ['二〇二一', '2021', true],
      ['一九三五年', '1935年', true],
      ['三百六十五天', '365天', true],
      ['1、2', '12', false],
      ['一、二', '12', false],
      ['一、二', '1，2', true],
      ['19 35年', '1935年', false],
      ['1,000', '1000', true],
      ['1,0', '10', false],
      ['3.14', '314', false],
      ['八项', '8 项', true],
      ['万一', '10001', false],
    ];
    for (const [accepted, typed, same] of oracle) expect(judged(accepted, typed), `${accepted} vs ${typed}`).toBe(same);
  });

  it('never folds two different numbers to one answer', () => {
    const unit = fc.constantFrom('项', '年', '条', '');
    const pair = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 })).filter(([n, m]) => n !== m);
    fc.assert(
      fc.property(pair, unit, ([n, m], after) => {
        const forms = (value: number): string[] => [String(value), arabicToChinese(String(value)), ...(String(value).length >= 3 || after === '年' ? [readDigits(value)] : [])];
        return forms(n).every((a) => forms(m).every((b) => fillAnswerKey(`${a}${after}`) !== fillAnswerKey(`${b}${after}`)));
      }),
    );
    // Two digit characters not before 年 (五一, 七一, 一二) never equal any number written another way.
    const twoDigits = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `${DIGIT_NAMES[a]}${DIGIT_NAMES[b]}`);
    fc.assert(
      fc.property(twoDigits, fc.integer({ min: 0, max: 9999 }), fc.constantFrom('项', '条', '劳动节', ''), (name, m, after) => {
        const key = fillAnswerKey(`${name}${after}`);
        return key !== fillAnswerKey(`${m}${after}`) && key !== fillAnswerKey(`${arabicToChinese(String(m))}${after}`);
      }),
    );
    // A list of numbers is not the number its digits make: 1、2、3 ≠ 123.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 2, maxLength: 4 }), noise, (values, mark) => {
        const list = values.map(String).join(mark);
        return fillAnswerKey(list) !== fillAnswerKey(values.join(''));
      }),
    );
  });

  it('judges a response equal to an accepted answer right, whatever the text', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), (text) => fillAnswerKey(text) === '' || judged(text, text)));
  });
});

describe('bad input: a 填空 answer of only spaces or punctuation', () => {
  it('is refused with a Chinese message, not judged', () => {
    const question: Pick<QuestionContent, 'type' | 'options'> = { type: 'fill', options: [] };
    expect(validateResponse(question, { type: 'fill', text: '   ' })).toBe('请填写答案。');
    for (const text of ['。', ' ，、 ', '“”', '《》！', '——', '?!']) expect(validateResponse(question, { type: 'fill', text }), text).toBe(EMPTY_FILL);
    fc.assert(
      fc.property(fc.array(noise, { minLength: 1, maxLength: 10 }), (marks) =>
        [EMPTY_FILL, '请填写答案。'].includes(
          validateResponse(question, {
            type: 'fill',
            text: marks.join(''),
          }) as string,
        ),
      ),
    );
    expect(EMPTY_FILL).toMatch(/请在框里写上答案/);
  });
});
