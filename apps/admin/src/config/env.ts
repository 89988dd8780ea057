/**
 * The only place that reads `import.meta.env`. Vite inlines `VITE_*` variables at build time,
 * so a bad value fails loudly on the first page load instead of as a confusing fetch error.
 *
 * Checked by hand rather than with zod: this module is in the first JavaScript the browser
 * loads, and zod only needs to arrive with the first form.
 */
export interface Env {
  /** Base URL of the billing API, without a trailing slash. */
  API_URL: string;
}

const DEFAULT_API_URL = 'http://localhost:8001';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty `VITE_API_URL=` line means "not set", not "an invalid URL".
  const apiUrl = source.VITE_API_URL?.trim() || DEFAULT_API_URL;
  if (!isHttpUrl(apiUrl)) {
    throw new Error(
      `Invalid admin configuration:\n✖ VITE_API_URL must be an http(s) URL, e.g. http://localhost:8001\n  → at API_URL`,
    );
  }
  // The API client appends `/api/v1/...`; a trailing slash would produce `//api`.
  return { API_URL: apiUrl.replace(/\/+$/, '') };
}

export const env: Env = parseEnv({ VITE_API_URL: import.meta.env.VITE_API_URL });
