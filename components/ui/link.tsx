import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * The portal's links: next/link (client-side navigation) without prefetching. Prefetching
 * fetched every link on the screen twice as an RSC payload — 16 to 21 requests for one view of
 * /desk or a form page, each running the staff layout (session, unread count) — and the pages
 * are per person and change by the minute, so nothing prefetched could be kept for long. A
 * click fetches its page instead.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
