/**
 * Chinese numerals ↔ Arabic digits, for the numbers people write in answers and search: 0–9999 with
 * 〇/零, 十/百/千 and 两, a multiple of 万 below 一亿, and years read digit by digit (一九三五). Pure,
 * no I/O, and small enough for the browser (the search page folds its query with it).
 *
 * Hand-written rather than a package: the npm converters seen (chinese-numbers-converter,
 * chinese-parseint, nzh) are little used or unmaintained, and none both reads digit-by-digit years
 * and writes Chinese numerals back for the search query.
 */

const DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const WRITTEN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** A run of characters that may be a Chinese numeral. */
const CHINESE_RUN = /[〇零一二两三四五六七八九十百千万]+/gu;
/** A run of Arabic digits (after NFKC, full-width digits are these too). */
const ARABIC_RUN = /\d+/gu;

/** 0–9999 written with units (三千零五, 十二, 两百, 一百五), or null when the run is not such a number. */
function parseBelowTenThousand(text: string): number | null {
  if (text === '') return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 10_000;
  let previousWasUnit = false;
  let digitRightAfterUnit = false;
  for (const char of text) {
    const value = DIGITS[char];
    if (value !== undefined) {
      if (digit !== null && digit !== 0 && value !== 0) return null; // two digits in a row: 三五百
      digitRightAfterUnit = previousWasUnit && value !== 0;
      digit = value;
      previousWasUnit = false;
      continue;
    }
    const unit = UNITS[char];
    if (unit === undefined || unit >= lastUnit) return null;
    // 十 alone means 一十 (十二 = 12); a 零 does not stand before a unit.
    if (digit === 0) return null;
    const multiplier = digit ?? (unit === 10 && total === 0 ? null : undefined);
    if (multiplier === undefined) return null;
    total += (multiplier ?? 1) * unit;
    lastUnit = unit;
    digit = null;
    previousWasUnit = true;
  }
  if (digit === null) return total;
  // 一百五 is 150 and 三千二 is 3200 in speech; after a 零 (一百零五) the digit is units.
  return total + (digitRightAfterUnit && lastUnit >= 100 ? (digit * lastUnit) / 10 : digit);
}

/**
 * The value of a Chinese numeral run, or null when it is not one:
 * 八 → 8, 十二 → 12, 一千九百三十五 → 1935, 两万三千 → 23000, 一九三五 → 1935, 二〇二一 → 2021.
 * Digit-by-digit runs keep leading zeros as digits (〇五 → "05"), so the result is a digit string.
 */
export function chineseNumeralValue(run: string): string | null {
  const chars = [...run];
  if (chars.length === 0) return null;
  if (chars.every((char) => DIGITS[char] !== undefined)) {
    // 两 reads as a digit only on its own (两 → 2); 一两五 is not a number.
    if (chars.length > 1 && chars.includes('两')) return null;
    return chars.map((char) => String(DIGITS[char])).join('');
  }
  const [high = '', low, ...rest] = run.split('万');
  if (rest.length > 0) return null;
  if (low === undefined) {
    const value = parseBelowTenThousand(high);
    return value === null ? null : String(value);
  }
  const wan = high === '' ? null : parseBelowTenThousand(high);
  if (wan === null || wan === 0) return null;
  if (low === '') return String(wan * 10_000);
  // 一万零五 = 10005, 一万五 = 15000 (spoken shorthand), 一万二千 = 12000.
  const shorthand = [...low].length === 1 && DIGITS[low] !== undefined && low !== '零' && low !== '〇';
  const rest10k = shorthand ? (DIGITS[low] ?? 0) * 1000 : parseBelowTenThousand(low.replace(/^[零〇]/u, ''));
  return rest10k === null ? null : String(wan * 10_000 + rest10k);
}

/**
 * Every Chinese numeral in the text written as Arabic digits: “八项规定” → “8项规定”,
 * “一九三五年” → “1935年”. Runs that are not numbers (十十) are left as they are.
 * Rule: two digit characters without 十百千万 (五一, 七一, 一二) are a name or “one or two”, not a number,
 * so they fold only before 年 (五一年 → 51年); a digit-by-digit run of three or more (二〇二一) and a run
 * with 十百千万 or a single digit fold everywhere — so 五一 ≠ 51 ≠ 五十一 and 一二 ≠ 12 = 十二.
 */
export function chineseToArabic(text: string): string {
  return text.replace(CHINESE_RUN, (run, offset: number, whole: string) => {
    const digitsOnly = [...run].every((char) => DIGITS[char] !== undefined);
    if (digitsOnly && [...run].length === 2 && !whole.startsWith('年', offset + run.length)) return run;
    return chineseNumeralValue(run) ?? run;
  });
}

/** 0–9999 with units, the way it is written in running text: 8 → 八, 12 → 十二, 105 → 一百零五. */
function writeBelowTenThousand(value: number): string {
  if (value === 0) return WRITTEN_DIGITS[0];
  const parts: string[] = [];
  const places: Array<[number, string]> = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let pendingZero = false;
  for (const [place, unit] of places) {
    const digit = Math.floor(value / place) % 10;
    if (digit === 0) {
      if (parts.length > 0) pendingZero = true;
      continue;
    }
    if (pendingZero) parts.push('零');
    pendingZero = false;
    parts.push(`${WRITTEN_DIGITS[digit]}${unit}`);
  }
  const written = parts.join('');
  return value >= 10 && value < 20 ? written.slice(1) : written;
}

/**
 * Arabic digits written as Chinese numerals, for searching text written with them: “8项规定” → “八项规定”.
 * A number of four digits before 年 is a year, read digit by digit (1921年 → 一九二一年); other numbers
 * below 10000 are written with units; longer ones are left as digits.
 */
export function arabicToChinese(text: string): string {
  return text.normalize('NFKC').replace(ARABIC_RUN, (run, offset: number, whole: string) => {
    const isYear = run.length === 4 && whole.startsWith('年', offset + run.length);
    // Years and numbers with leading zeros are written digit by digit, with 〇 for zero (二〇二一年).
    if (isYear || (run.length > 1 && run.startsWith('0'))) return [...run].map((digit) => (digit === '0' ? '〇' : WRITTEN_DIGITS[Number(digit)])).join('');
    return run.length <= 4 ? writeBelowTenThousand(Number(run)) : run;
  });
}
