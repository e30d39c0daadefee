/**
 * Course themes. The label is what authors write in frontmatter (`theme: 党性教育`); the id is the
 * stable, ASCII form used in URLs (`/courses/?theme=party-spirit`). Add a theme by adding a row.
 */
export const THEMES = [
  { id: 'party-spirit', label: '党性教育', blurb: '学党章、守初心，做合格党员。' },
  { id: 'red-education', label: '红色教育', blurb: '重温革命历史，传承红色基因。' },
  { id: 'integrity', label: '廉洁文化', blurb: '守纪律、讲规矩，清清白白过晚年。' },
  { id: 'smart-aging', label: '智慧助老', blurb: '手机和电脑的实用本领，一步一步学。' },
] as const;

export type Theme = (typeof THEMES)[number];
export type ThemeLabel = Theme['label'];
export type ThemeId = Theme['id'];

export const THEME_LABELS = THEMES.map((theme) => theme.label) as [ThemeLabel, ...ThemeLabel[]];

export function themeByLabel(label: string): Theme | undefined {
  return THEMES.find((theme) => theme.label === label);
}

export function themeById(id: string | null | undefined): Theme | undefined {
  return THEMES.find((theme) => theme.id === id);
}
