/** Top-level sections, for aria-current in the main navigation. */
export type Section = 'home' | 'courses' | 'search' | 'about' | 'me' | 'account';
