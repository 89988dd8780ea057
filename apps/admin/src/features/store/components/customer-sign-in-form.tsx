import { zodResolver } from '@hookform/resolvers/zod';
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, PasswordInput } from '@/components/ui/input';
import { loginErrorMessage, loginSchema } from '@/features/auth/components/login-form';
import { ApiError } from '@/lib/api-client';
import { useCustomerLogin } from '../api/customer-login';
import styles from './store.module.css';

type SignInInput = z.input<typeof loginSchema>;
type SignInOutput = z.output<typeof loginSchema>;

export interface CustomerSignInFormProps {
  onSignedIn: () => void;
  /** Shown above the form when nothing went wrong, e.g. "Your session has expired". */
  notice?: ReactNode;
}

/** A returning customer signs in (same rules and messages as the dashboard's sign-in). */
export function CustomerSignInForm({ onSignedIn, notice }: CustomerSignInFormProps) {
  // On the hook, not on mutate(): at checkout, signing in replaces this form at once, and
  // mutate()'s callbacks never run for an unmounted component.
  const login = useCustomerLogin({ mutationConfig: { onSuccess: () => onSignedIn() } });
  const {
    register,
    handleSubmit,
    resetField,
    setFocus,
    setError,
    formState: { errors },
  } = useForm<SignInInput, unknown, SignInOutput>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: '', password: '' },
  });

  const submit = (values: SignInOutput) =>
    login.mutate(values, {
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        if (error.status === 401) {
          resetField('password');
          setFocus('password');
          return;
        }
        if (error.status !== 400) return;
        for (const detail of error.details) {
          if (detail.field === 'email' || detail.field === 'password')
            setError(detail.field, { type: 'server', message: detail.message });
        }
      },
    });

  const formError =
    login.error instanceof ApiError && login.error.code === 'NOT_A_CUSTOMER'
      ? { title: 'Use a customer account', body: login.error.message }
      : login.error
        ? loginErrorMessage(login.error)
        : null;

  return (
    <form
      className={styles.form}
      noValidate
      aria-label="Sign in"
      onSubmit={(event) => void handleSubmit(submit)(event)}
    >
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
        inputMode="email"
        autoComplete="username"
        spellCheck={false}
        placeholder="you@example.com"
        error={errors.email?.message}
        registration={register('email')}
      />
      <PasswordInput
        label="Password"
        autoComplete="current-password"
        error={errors.password?.message}
        registration={register('password')}
      />
      <Button type="submit" size="lg" fullWidth isLoading={login.isPending}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
