const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** 2026年11月26日, in Beijing time whatever the server's zone. */
export function formatDate(date: Date | number): string {
  return dateFormat.format(date);
}

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026年11月26日 14:05, in Beijing time whatever the server's zone. */
export function formatDateTime(date: Date | number): string {
  return dateTimeFormat.format(date);
}
