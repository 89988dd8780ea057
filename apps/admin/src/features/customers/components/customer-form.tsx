import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  CustomerErrorCode,
  EMAIL_MAX_LENGTH,
  STRONG_PASSWORD_PATTERN,
  STRONG_PASSWORD_RULE,
  type CustomerResponse,
} from '@nextpanel/shared';
import { PasswordField } from '@/components/password-field';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FormActions, FormGrid, FormSection } from '@/components/ui/form-layout';
import { UserPlusIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { paths } from '@/config/paths';
import { applyServerErrors, capitalise, formBanner, type FormBanner } from '@/lib/form-errors';
import { useCreateCustomer } from '../api/create-customer';
import styles from './customers.module.css';

/** Same phone rule as the API: digits with the usual separators, an optional leading +. */
const PHONE_PATTERN = /^\+?(?=(?:\D*\d){4})[\d ().-]{4,39}$/;

const optionalText = (max: number, noun: string) =>
  z
    .string()
    .trim()
    .max(max, `${noun} is at most ${max} characters`)
    .transform((value) => (value === '' ? null : value));

export const customerSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter the customer’s email address')
    .max(EMAIL_MAX_LENGTH, `Email addresses are at most ${EMAIL_MAX_LENGTH} characters`)
    .pipe(z.email('Enter a valid email address, like customer@example.com')),
  full_name: z
    .string()
    .trim()
    .min(1, 'Enter the customer’s full name')
    .max(200, 'Names are at most 200 characters'),
  company_name: optionalText(200, 'The company name'),
  phone: z
    .string()
    .trim()
    .refine(
      (value) => value === '' || PHONE_PATTERN.test(value),
      'Enter a phone number such as +1234567890',
    )
    .transform((value) => (value === '' ? null : value)),
  password: z.string().regex(STRONG_PASSWORD_PATTERN, `${capitalise(STRONG_PASSWORD_RULE)}`),
  is_active: z.boolean(),
});

type CustomerFormInput = z.input<typeof customerSchema>;
type CustomerFormOutput = z.output<typeof customerSchema>;

const FIELDS = ['email', 'full_name', 'company_name', 'phone', 'password', 'is_active'] as const;

export interface CustomerFormProps {
  onCreated: (customer: CustomerResponse) => void;
}

/** The guide's "Add Customer": who they are and the password they sign in to billing with. */
export function CustomerForm({ onCreated }: CustomerFormProps) {
  const createCustomer = useCreateCustomer();
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors },
  } = useForm<CustomerFormInput, unknown, CustomerFormOutput>({
    resolver: zodResolver(customerSchema),
    defaultValues: {
      email: '',
      full_name: '',
      company_name: '',
      phone: '',
      password: '',
      is_active: true,
    },
  });
  const password = useWatch({ control, name: 'password' });

  const submit = (values: CustomerFormOutput) => {
    setFormError(null);
    createCustomer.mutate(values, {
      onSuccess: onCreated,
      onError: (error) =>
        setFormError(
          formBanner(
            'The customer was not created',
            applyServerErrors(error, setError, FIELDS, { [CustomerErrorCode.EmailTaken]: 'email' })
              .formMessage,
          ),
        ),
    });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => void handleSubmit(submit)(event)}
      aria-label="Add customer"
    >
      {formError ? (
        <div className={styles.formAlert}>
          <Alert variant="error" title={formError.title}>
            {formError.message}
          </Alert>
        </div>
      ) : null}

      <FormSection
        title="Customer"
        description="The person or company you host, and how to reach them."
      >
        <FormGrid>
          <Input
            label="Full name"
            placeholder="John Doe"
            autoFocus
            autoComplete="off"
            error={errors.full_name?.message}
            registration={register('full_name')}
          />
          <Input
            label="Email"
            type="email"
            inputMode="email"
            spellCheck={false}
            autoComplete="off"
            placeholder="customer@example.com"
            error={errors.email?.message}
            registration={register('email')}
          />
        </FormGrid>
        <FormGrid>
          <Input
            label="Company"
            labelAside={<span className={styles.optional}>Optional</span>}
            placeholder="Acme Inc"
            error={errors.company_name?.message}
            registration={register('company_name')}
          />
          <Input
            label="Phone"
            type="tel"
            labelAside={<span className={styles.optional}>Optional</span>}
            placeholder="+1234567890"
            error={errors.phone?.message}
            registration={register('phone')}
          />
        </FormGrid>
      </FormSection>

      <FormSection
        title="Sign-in"
        description="The customer signs in to billing with their email and this password."
      >
        <PasswordField
          value={password}
          registration={register('password')}
          onGenerate={(generated) =>
            setValue('password', generated, { shouldValidate: true, shouldDirty: true })
          }
          error={errors.password?.message}
        />
        <Checkbox
          variant="switch"
          label="Active"
          description="Deactivated customers cannot sign in, buy products or get new hosting accounts."
          registration={register('is_active')}
        />
      </FormSection>

      <FormActions>
        <ButtonLink to={paths.app.customers.getHref()} variant="ghost">
          Cancel
        </ButtonLink>
        <Button
          type="submit"
          icon={<UserPlusIcon size={16} />}
          isLoading={createCustomer.isPending}
        >
          {createCustomer.isPending ? 'Creating customer…' : 'Create customer'}
        </Button>
      </FormActions>
    </form>
  );
}
