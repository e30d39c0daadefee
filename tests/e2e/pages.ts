/** One URL per page type, shared by the accessibility, reflow and target-size checks. */
export const PAGE_TYPES = {
  home: '/',
  catalog: '/courses/',
  catalogFiltered: '/courses/?theme=red-education',
  course: '/courses/party-spirit/',
  lesson: '/courses/party-spirit/constitution-and-oath/',
  about: '/about/',
  search: '/search/?q=红船',
  notFound: '/no-such-page/',
} as const;

export const TEXT_SIZES = ['20', '24', '30'] as const;
