import { z } from 'zod';
import {
  EMAIL_MAX_LENGTH,
  PANEL_USERNAME_PATTERN,
  PANEL_USERNAME_RULE,
  STRONG_PASSWORD_PATTERN,
  STRONG_PASSWORD_RULE,
  type ProvisionAccountRequest,
} from '@nextpanel/shared';
import { capitalise } from '@/lib/form-errors';

const optionalId = z
  .string()
  .regex(/^\d*$/, 'Choose from the list')
  .transform((value) => (value === '' ? undefined : Number(value)));

const optionalText = (max: number, noun: string) =>
  z
    .string()
    .trim()
    .max(max, `${noun} is at most ${max} characters`)
    .transform((value) => (value === '' ? undefined : value));

/** The form checks what POST /nextpanel/provision checks, with the same shared rules and words. */
export const provisionSchema = z.object({
  // Not trimmed or lower-cased behind the admin's back: the panel username is exactly what they see.
  username: z.string().regex(PANEL_USERNAME_PATTERN, `${capitalise(PANEL_USERNAME_RULE)}.`),
  email: z
    .string()
    .trim()
    .max(EMAIL_MAX_LENGTH, `Email addresses are at most ${EMAIL_MAX_LENGTH} characters`)
    .refine(
      (value) => value === '' || z.email().safeParse(value).success,
      'Enter a valid email address, like customer@example.com',
    )
    .transform((value) => (value === '' ? undefined : value)),
  password: z.string().regex(STRONG_PASSWORD_PATTERN, `${capitalise(STRONG_PASSWORD_RULE)}.`),
  server_id: optionalId,
  license_id: optionalId,
  full_name: optionalText(200, 'The full name'),
  phone: optionalText(40, 'The phone number'),
  company: optionalText(200, 'The company name'),
  package_id: z
    .string()
    .trim()
    .regex(/^\d*$/, 'Enter the panel’s package number, or leave it empty')
    .transform((value) => (value === '' ? undefined : Number(value)))
    .refine((value) => value === undefined || value >= 1, 'Package numbers start at 1'),
});

export type ProvisionFormInput = z.input<typeof provisionSchema>;
export type ProvisionFormOutput = z.output<typeof provisionSchema>;

export const PROVISION_FIELDS = [
  'username',
  'email',
  'password',
  'server_id',
  'license_id',
  'full_name',
  'phone',
  'company',
  'package_id',
] as const;

/** The request body: optional values that are empty are left out, so the API applies its defaults. */
export function toProvisionRequest(
  customerId: number,
  values: ProvisionFormOutput,
): ProvisionAccountRequest {
  const request: ProvisionAccountRequest = {
    customer_id: customerId,
    username: values.username,
    password: values.password,
  };
  if (values.email !== undefined) request.email = values.email;
  if (values.full_name !== undefined) request.full_name = values.full_name;
  if (values.phone !== undefined) request.phone = values.phone;
  if (values.company !== undefined) request.company = values.company;
  if (values.package_id !== undefined) request.package_id = values.package_id;
  if (values.server_id !== undefined) request.server_id = values.server_id;
  if (values.license_id !== undefined) request.license_id = values.license_id;
  return request;
}

/** A first guess at a username from the customer's name: "John Doe" -> "johndoe". */
export function suggestUsername(fullName: string): string {
  const letters = fullName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 16);
  return PANEL_USERNAME_PATTERN.test(letters) ? letters : '';
}
