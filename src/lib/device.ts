/** A plain Chinese description of a browser, for the list of signed-in devices. */
export function describeDevice(userAgent: string | null | undefined): string {
  const ua = userAgent ?? '';
  const system = /iPhone|iPad/.test(ua)
    ? '苹果手机或平板'
    : /Android/.test(ua)
      ? '安卓手机'
      : /Windows/.test(ua)
        ? 'Windows 电脑'
        : /Macintosh/.test(ua)
          ? '苹果电脑'
          : '其他设备';
  const browser = /MicroMessenger/.test(ua) ? '微信里打开' : /HeadlessChrome|Chrome|Chromium/.test(ua) ? '浏览器' : '浏览器';
  return `${system}（${browser}）`;
}
