import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowsToShow } from '../../src/lib/form-rows';

const rules = { name: 'rules', max: 8, fields: (i: number) => [`rule${i}_type`, `rule${i}_category`, `rule${i}_count`] };

describe('repeating form rows', () => {
  it('shows one row of a new form, not every row', () => {
    expect(rowsToShow({}, rules)).toBe(1);
  });

  it('shows every row that holds something, and one more after 再加一条', () => {
    expect(rowsToShow({ rule2_count: '3' }, rules)).toBe(3);
    expect(rowsToShow({ rule0_type: 'single', addRow: 'rules' }, rules)).toBe(2);
    expect(rowsToShow({ rule0_type: 'single', rules_shown: '2', addRow: 'rules' }, rules)).toBe(3);
    expect(rowsToShow({ rules_shown: '3' }, rules)).toBe(3);
    // 再加一条 of another group adds nothing here.
    expect(rowsToShow({ addRow: 'awards' }, rules)).toBe(1);
  });

  it('never shows fewer rows than hold values, nor more than the form has', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Array.from({ length: 8 }, (_, i) => `rule${i}_count`), 'rules_shown', 'addRow'), fc.string()), (values) => {
        const shown = rowsToShow(values, rules);
        const lastFilled = Math.max(
          0,
          ...Object.entries(values)
            .filter(([key, value]) => /^rule\d_/.test(key) && value.trim() !== '')
            .map(([key]) => Number(key[4]) + 1),
        );
        return shown >= 1 && shown <= 8 && shown >= lastFilled;
      }),
    );
  });
});
