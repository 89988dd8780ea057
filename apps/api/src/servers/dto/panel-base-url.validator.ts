import { registerDecorator, ValidationOptions } from 'class-validator';

/** Why a panel base URL is unacceptable, or null when it is fine. */
export function panelBaseUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return 'base_url must be a URL';
  if (value.length > 500) return 'base_url must be at most 500 characters';
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'base_url must be a valid absolute URL, e.g. http://panel.example.com:3000';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'base_url must use http or https';
  if (url.username || url.password)
    return 'base_url must not contain credentials; use api_key and api_secret';
  if (url.hash || value.includes('#')) return 'base_url must not contain a fragment (#...)';
  if (url.search) return 'base_url must not contain a query string';
  return null;
}

/** `http://host:3000/` and `http://host:3000` are the same panel: keep one spelling. */
export function normalisePanelBaseUrl(value: string): string {
  const url = new URL(value.trim());
  return url.toString().replace(/\/+$/, '');
}

export function IsPanelBaseUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPanelBaseUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => panelBaseUrlProblem(value) === null,
        defaultMessage: (args) => panelBaseUrlProblem(args?.value) ?? 'base_url is invalid',
      },
    });
}
