import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EyeIcon, EyeOffIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { env } from '@/config/env';
import { ApiError, NetworkError } from '@/lib/api-client';
import { describeError, retryMessage } from '@/lib/errors';
import { useLogin } from '../api/login';
import styles from './login-form.module.css';

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(EMAIL_MAX_LENGTH, `Email addresses are at most ${EMAIL_MAX_LENGTH} characters`)
    .pipe(z.email('Enter a valid email address, like admin@example.com')),
  // Not trimmed and no minimum length: a sign-in form checks presence, the API checks the rest.
  password: z
    .string()
    .min(1, 'Enter your password')
    .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters`),
});

type LoginFormInput = z.input<typeof loginSchema>;
type LoginFormOutput = z.output<typeof loginSchema>;
type LoginField = keyof LoginFormInput;

const FORM_FIELDS: readonly LoginField[] = ['email', 'password'];

function isLoginField(field: string): field is LoginField {
  return (FORM_FIELDS as readonly string[]).includes(field);
}

interface FormErrorMessage {
  title: string;
  body?: string;
}

/** What the banner above the form says for a failed sign-in; `null` when the fields say it all. */
export function loginErrorMessage(error: Error): FormErrorMessage | null {
  if (error instanceof NetworkError) {
    return {
      title: 'Cannot reach the billing API',
      body: `Check that the API is running at ${new URL(env.API_URL).host} and try again.`,
    };
  }
  if (error instanceof ApiError) {
    switch (error.status) {
      case 401:
        return { title: 'Invalid email or password' };
      case 429:
        return { title: retryMessage(error.retryAfter) };
      case 400: {
        const unplaced = error.details.filter((detail) => !isLoginField(detail.field));
        if (error.details.length > 0 && unplaced.length === 0) return null;
        return {
          title: 'Check your details',
          body:
            unplaced.length > 0
              ? unplaced.map((detail) => detail.message).join(' ')
              : error.message,
        };
      }
      default:
        return { title: 'Sign-in failed', body: describeError(error) };
    }
  }
  return { title: 'Sign-in failed', body: describeError(error) };
}

export interface LoginFormProps {
  /** Called once the session is stored. */
  onSuccess: () => void;
  /** Shown above the form, e.g. "Your session expired". */
  notice?: ReactNode;
}

export function LoginForm({ onSuccess, notice }: LoginFormProps) {
  const [showPassword, setShowPassword] = useState(false);
  const login = useLogin();
  const {
    register,
    handleSubmit,
    setError,
    resetField,
    setFocus,
    formState: { errors },
  } = useForm<LoginFormInput, unknown, LoginFormOutput>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: '', password: '' },
  });

  const submit = (values: LoginFormOutput) => {
    login.mutate(values, {
      onSuccess: () => onSuccess(),
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        if (error.status === 401) {
          // Keep the email, retype the password: the usual way to fix a typo.
          resetField('password');
          setFocus('password');
          return;
        }
        // Server-side validation lands on the field it is about, like the client-side one.
        if (error.status !== 400) return;
        let focused = false;
        for (const detail of error.details) {
          if (!isLoginField(detail.field)) continue;
          setError(
            detail.field,
            { type: 'server', message: detail.message },
            { shouldFocus: !focused },
          );
          focused = true;
        }
      },
    });
  };

  const formError = login.error ? loginErrorMessage(login.error) : null;

  return (
    <form className={styles.form} noValidate onSubmit={(event) => void handleSubmit(submit)(event)}>
      {formError ? (
        <Alert variant="error" title={formError.title}>
          {formError.body}
        </Alert>
      ) : (
        notice
      )}

      <Input
        label="Email"
        type="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        placeholder="admin@example.com"
        autoFocus
        error={errors.email?.message}
        registration={register('email')}
      />

      <Input
        label="Password"
        type={showPassword ? 'text' : 'password'}
        autoComplete="current-password"
        error={errors.password?.message}
        registration={register('password')}
        trailing={
          <button
            type="button"
            className={styles.reveal}
            aria-label="Show password"
            aria-pressed={showPassword}
            title={showPassword ? 'Hide password' : 'Show password'}
            onClick={() => setShowPassword((shown) => !shown)}
          >
            {showPassword ? <EyeOffIcon size={18} /> : <EyeIcon size={18} />}
          </button>
        }
      />

      <Button type="submit" size="lg" fullWidth isLoading={login.isPending}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
