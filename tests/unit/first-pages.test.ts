import { describe, expect, it } from 'vitest';
import { firstPageRedirect, homePathFor, pathAfterSignIn } from '../../src/lib/first-pages';

const at = (path: string): URL => new URL(path, 'http://127.0.0.1');

describe('pages shown before any other', () => {
  it('send someone who has not agreed to the privacy notice there first, and back afterwards', () => {
    expect(firstPageRedirect({ privacyAccepted: false, unseenNotices: false }, 'GET', at('/me/?welcome=1'))).toBe(`/privacy/accept/?next=${encodeURIComponent('/me/?welcome=1')}`);
    expect(firstPageRedirect({ privacyAccepted: true, unseenNotices: false }, 'GET', at('/me/'))).toBeNull();
  });

  it('leave the notice, closing the account, scripts and form posts alone', () => {
    for (const path of ['/privacy/', '/privacy/accept/?next=/me/', '/account/close/', '/api/progress', '/_astro/x.js']) {
      expect(firstPageRedirect({ privacyAccepted: false, unseenNotices: false }, 'GET', at(path))).toBeNull();
    }
    expect(firstPageRedirect({ privacyAccepted: false, unseenNotices: false }, 'POST', at('/account/'))).toBeNull();
  });

  it('then show who issued the person a code, once, before the page they asked for', () => {
    expect(firstPageRedirect({ privacyAccepted: true, unseenNotices: true }, 'GET', at('/me/'))).toBe('/account/notices/?next=%2Fme%2F');
    expect(firstPageRedirect({ privacyAccepted: false, unseenNotices: true }, 'GET', at('/me/'))).toBe('/privacy/accept/?next=%2Fme%2F');
    expect(firstPageRedirect({ privacyAccepted: true, unseenNotices: true }, 'GET', at('/account/notices/?next=%2Fme%2F'))).toBeNull();
  });
});

describe('where a person lands after signing in', () => {
  it('is their own home when no page was asked for: 讲师工作台, 组织者, 管理, 支部联络员, else 我的学习', () => {
    expect(pathAfterSignIn({ roles: ['learner', 'instructor'] }, null)).toBe('/studio/');
    expect(pathAfterSignIn({ roles: ['learner', 'organiser'] }, '/')).toBe('/organiser/');
    expect(pathAfterSignIn({ roles: ['admin'] }, undefined)).toBe('/admin/');
    expect(pathAfterSignIn({ roles: ['liaison'] }, '')).toBe('/liaison/');
    expect(pathAfterSignIn({ roles: ['learner'] }, null)).toBe('/me/');
    expect(homePathFor({ roles: [] })).toBe('/me/');
  });

  it('is the page they asked for when there was one, whatever their role', () => {
    expect(pathAfterSignIn({ roles: ['instructor'] }, '/contests/3/')).toBe('/contests/3/');
    expect(pathAfterSignIn({ roles: ['learner'] }, '/me/')).toBe('/me/');
  });
});
