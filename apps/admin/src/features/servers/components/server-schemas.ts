import { z } from 'zod';

/** The API accepts http(s) URLs without credentials or fragment; the form checks the same. */
export function isPanelUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.username === '' &&
      url.password === '' &&
      url.hash === ''
    );
  } catch {
    return false;
  }
}

export const baseUrlField = z
  .string()
  .trim()
  .min(1, 'Enter the panel’s URL')
  .refine(isPanelUrl, 'Enter an http(s) URL such as http://panel.example.com:3000');

export const apiKeyField = z
  .string()
  .trim()
  .min(1, 'Enter the API key')
  .max(200, 'API keys are at most 200 characters');
export const apiSecretField = z
  .string()
  .min(1, 'Enter the API secret')
  .max(500, 'API secrets are at most 500 characters');

export const capacityField = z
  .string()
  .trim()
  .regex(/^\d+$/, 'Enter the maximum number of accounts, a whole number')
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1, 'A server holds at least 1 account')
      .max(1_000_000, 'At most 1,000,000 accounts'),
  );

const nameField = z
  .string()
  .trim()
  .min(1, 'Enter a name for the server')
  .max(100, 'Names are at most 100 characters');
const optionalText = (max: number, noun: string) =>
  z
    .string()
    .trim()
    .max(max, `${noun} is at most ${max} characters`)
    .transform((value) => (value === '' ? null : value));

export const addServerSchema = z.object({
  name: nameField,
  description: optionalText(2000, 'The description'),
  location: optionalText(100, 'The location'),
  capacity: capacityField,
  base_url: baseUrlField,
  api_key: apiKeyField,
  api_secret: apiSecretField,
});

export type AddServerInput = z.input<typeof addServerSchema>;
export type AddServerOutput = z.output<typeof addServerSchema>;

export const editServerSchema = z
  .object({
    name: nameField,
    description: optionalText(2000, 'The description'),
    location: optionalText(100, 'The location'),
    capacity: capacityField,
    base_url: baseUrlField,
    is_active: z.boolean(),
    rotate_credentials: z.boolean(),
    // Checked only when rotating: the stored secret is never sent back, so there is nothing to edit.
    api_key: z.string(),
    api_secret: z.string(),
  })
  .superRefine((values, context) => {
    if (!values.rotate_credentials) return;
    const key = apiKeyField.safeParse(values.api_key);
    if (!key.success)
      context.addIssue({
        code: 'custom',
        path: ['api_key'],
        message: key.error.issues[0]?.message ?? 'Enter the API key',
      });
    const secret = apiSecretField.safeParse(values.api_secret);
    if (!secret.success) {
      context.addIssue({
        code: 'custom',
        path: ['api_secret'],
        message: secret.error.issues[0]?.message ?? 'Enter the API secret',
      });
    }
  });

export type EditServerInput = z.input<typeof editServerSchema>;
export type EditServerOutput = z.output<typeof editServerSchema>;
