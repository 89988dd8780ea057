/**
 * Leaving the SPA for another site (Stripe Checkout). One object, so tests can replace
 * `assign` and check where the browser would have gone (jsdom cannot navigate).
 */
export const externalNavigation = {
  assign(url: string): void {
    window.location.assign(url);
  },
};

/** Only http(s) URLs leave the app: never `javascript:` or `data:`, whatever the API says. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
