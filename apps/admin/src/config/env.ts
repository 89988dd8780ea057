import { z } from 'zod';

/**
 * The only place that reads `import.meta.env`. Vite inlines `VITE_*` variables at build time,
 * so a bad value fails loudly on the first page load instead of as a confusing fetch error.
 */
const EnvSchema = z.object({
  API_URL: z
    .url({ protocol: /^https?$/, error: 'VITE_API_URL must be an http(s) URL, e.g. http://localhost:8001' })
    // The API client appends `/api/v1/...`; a trailing slash would produce `//api`.
    .transform((url) => url.replace(/\/+$/, ''))
    .default('http://localhost:8001'),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty `VITE_API_URL=` line means "not set", not "an invalid URL".
  const apiUrl = source.VITE_API_URL?.trim();
  const result = EnvSchema.safeParse({ API_URL: apiUrl === '' ? undefined : apiUrl });
  if (!result.success) {
    throw new Error(`Invalid admin configuration:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export const env: Env = parseEnv({ VITE_API_URL: import.meta.env.VITE_API_URL });
