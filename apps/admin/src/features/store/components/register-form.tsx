import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  CustomerErrorCode,
  EMAIL_MAX_LENGTH,
  STRONG_PASSWORD_PATTERN,
  STRONG_PASSWORD_RULE,
} from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormGrid } from '@/components/ui/form-layout';
import { Input, PasswordInput } from '@/components/ui/input';
import { applyServerErrors, capitalise, formBanner, type FormBanner } from '@/lib/form-errors';
import { useRegisterCustomer } from '../api/register-customer';
import styles from './store.module.css';

export const registerSchema = z.object({
  full_name: z
    .string()
    .trim()
    .min(1, 'Enter your full name')
    .max(200, 'Names are at most 200 characters'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(EMAIL_MAX_LENGTH, `Email addresses are at most ${EMAIL_MAX_LENGTH} characters`)
    .pipe(z.email('Enter a valid email address, like you@example.com')),
  company_name: z
    .string()
    .trim()
    .max(200, 'Company names are at most 200 characters')
    .transform((value) => (value === '' ? null : value)),
  password: z.string().regex(STRONG_PASSWORD_PATTERN, capitalise(STRONG_PASSWORD_RULE)),
});

type RegisterInput = z.input<typeof registerSchema>;
type RegisterOutput = z.output<typeof registerSchema>;

const FIELDS = ['full_name', 'email', 'company_name', 'password'] as const;

export interface RegisterFormProps {
  /** Called once the customer's session is stored. */
  onRegistered: () => void;
}

/** Sign-up on the storefront: the account the customer buys with and later signs in to. */
export function RegisterForm({ onRegistered }: RegisterFormProps) {
  // On the hook, not on mutate(): signing up swaps this form for "Signed in as …" at once, and
  // mutate()'s callbacks never run for an unmounted component.
  const registerCustomer = useRegisterCustomer({
    mutationConfig: { onSuccess: () => onRegistered() },
  });
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<RegisterInput, unknown, RegisterOutput>({
    resolver: zodResolver(registerSchema),
    defaultValues: { full_name: '', email: '', company_name: '', password: '' },
  });

  const submit = (values: RegisterOutput) => {
    setFormError(null);
    registerCustomer.mutate(values, {
      onError: (error) =>
        setFormError(
          formBanner(
            'Your account was not created',
            applyServerErrors(error, setError, FIELDS, { [CustomerErrorCode.EmailTaken]: 'email' })
              .formMessage,
          ),
        ),
    });
  };

  return (
    <form
      className={styles.form}
      noValidate
      aria-label="Create your account"
      onSubmit={(event) => void handleSubmit(submit)(event)}
    >
      {formError ? (
        <Alert variant="error" title={formError.title}>
          {formError.message}
        </Alert>
      ) : null}
      <FormGrid>
        <Input
          label="Full name"
          autoComplete="name"
          placeholder="Jane Doe"
          error={errors.full_name?.message}
          registration={register('full_name')}
        />
        <Input
          label="Company"
          autoComplete="organization"
          labelAside={<span className={styles.optional}>Optional</span>}
          placeholder="Acme Inc"
          error={errors.company_name?.message}
          registration={register('company_name')}
        />
      </FormGrid>
      <Input
        label="Email"
        type="email"
        inputMode="email"
        autoComplete="email"
        spellCheck={false}
        placeholder="you@example.com"
        hint="Your sign-in, and where we send your hosting account’s details."
        error={errors.email?.message}
        registration={register('email')}
      />
      <PasswordInput
        label="Password"
        autoComplete="new-password"
        hint="At least 8 characters, with a lower-case letter, an upper-case letter and a digit."
        error={errors.password?.message}
        registration={register('password')}
      />
      <Button type="submit" size="lg" fullWidth isLoading={registerCustomer.isPending}>
        {registerCustomer.isPending ? 'Creating your account…' : 'Create account'}
      </Button>
    </form>
  );
}
