/**
 * Forms with repeating rows (a contest's draw rules and awards): how many rows to show. One row to
 * start with, every row that holds something, the rows the person already opened, and one more when
 * they asked for it with 再加一条 (which posts the form back to its page when JavaScript is off).
 * Pure: the form's posted values in, a count out.
 */

/** The hidden field that carries how many rows of a group are open, e.g. rules_shown. */
export const shownField = (group: string): string => `${group}_shown`;
/** The name and value of the 再加一条 submit button of a group. */
export const ADD_ROW_FIELD = 'addRow';

export function rowsToShow(
  values: Readonly<Record<string, string | undefined>>,
  group: { name: string; max: number; fields: (index: number) => readonly string[] },
): number {
  let filled = 0;
  for (let index = 0; index < group.max; index++) {
    if (group.fields(index).some((field) => (values[field] ?? '').trim() !== '')) filled = index + 1;
  }
  const opened = Number.parseInt(values[shownField(group.name)] ?? '', 10);
  const open = Number.isSafeInteger(opened) ? opened : 0;
  const added = values[ADD_ROW_FIELD] === group.name ? 1 : 0;
  return Math.min(group.max, Math.max(1, filled, open) + added);
}
