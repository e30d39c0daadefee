import type { Page } from '@playwright/test';

export const E2E_DB_URL = 'file:tests/.tmp/e2e.db';
export const E2E_PASSWORD = '我家门前有棵枣树';
export const E2E_INVITATION = 'E2EINVITE';
/** One account per test that signs in, so parallel tests never share progress. */
export const E2E_USERS: Record<string, { phone: string; name: string; roles?: Array<'learner' | 'instructor' | 'organiser' | 'admin'> }> = {
  signIn: { phone: '13900000011', name: '测试甲' },
  progress: { phone: '13900000012', name: '测试乙' },
  merge: { phone: '13900000013', name: '测试丙' },
  devices: { phone: '13900000014', name: '测试丁' },
  a11y: { phone: '13900000015', name: '测试戊' },
  certificate: { phone: '13900000016', name: '测试己' },
  forgetful: { phone: '13900000017', name: '测试庚' },
  closer: { phone: '13900000019', name: '测试壬' },
  admin: { phone: '13900000020', name: '管理员癸', roles: ['learner', 'admin'] },
  disableMe: { phone: '13900000021', name: '待停用' },
  instructor: { phone: '13900000018', name: '讲师辛', roles: ['learner', 'instructor'] },
};

export async function signInAs(page: Page, phone: string, next = '/me/'): Promise<void> {
  await page.goto(`/login/?next=${encodeURIComponent(next)}`);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next);
}
