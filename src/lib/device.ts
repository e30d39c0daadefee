/**
 * WeChat's built-in browser (its user agent carries MicroMessenger): it does not open calendar
 * files or webcal:// addresses, so pages that offer them say how to open the page in the phone's
 * own browser.
 */
export function isWeChatBrowser(userAgent: string | null | undefined): boolean {
  return /MicroMessenger/i.test(userAgent ?? '');
}

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
  const browser = isWeChatBrowser(ua) ? '微信里打开' : '浏览器';
  return `${system}（${browser}）`;
}
