import { paths } from '@/config/paths';

// Any origin works here: it only gives relative paths something to resolve against, so that
// we can check that resolving did not leave it.
const PROBE_ORIGIN = 'https://admin.nextpanel.invalid';

/**
 * Where to send the admin after sign-in, from an untrusted `?redirect=` value.
 *
 * Only same-app paths pass: `/servers?page=2#top`. Absolute URLs (`https://evil.example`),
 * scheme-relative ones (`//evil.example`), backslash tricks (`/\evil.example`, which browsers
 * read as `//evil.example`) and `javascript:` all fall back to the dashboard: an open redirect
 * on a login page is a ready-made phishing link.
 */
export function safeRedirectPath(
  raw: string | null | undefined,
  fallback: string = paths.app.dashboard.getHref(),
): string {
  if (!raw) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return fallback;

  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  // URL parsing strips tabs and newlines (`/\t/evil.example` becomes `//evil.example`): check
  // where the parsed URL landed, not only what the string looked like.
  if (url.origin !== PROBE_ORIGIN) return fallback;
  // Coming back to the login page after signing in would be a loop.
  if (url.pathname === paths.auth.login.path) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
