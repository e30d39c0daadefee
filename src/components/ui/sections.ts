import type { SectionId } from '../../lib/navigation';

/**
 * What a page may tell the layout about where it belongs, for aria-current in the navigation.
 * Sections come from lib/navigation.ts; 'search', 'about' and 'account' are pages outside them.
 */
export type Section = SectionId | 'search' | 'about' | 'account';
