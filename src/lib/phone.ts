/** Mainland mobile numbers: 11 digits starting 13–19. Spaces, dashes and a +86 prefix are forgiven. */
export function normalizePhone(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-()（）]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** 138****1234: what everyone but the person and admins sees. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
