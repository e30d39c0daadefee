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
