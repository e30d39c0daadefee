import { zhCN, type MessageKey } from './zh-CN';

/** Look up an interface string and fill its `{name}` placeholders. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return zhCN[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
