import { useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { STRONG_PASSWORD_RULE } from '@nextpanel/shared';
import { CopyButton } from '@/components/ui/copy-button';
import { EyeIcon, EyeOffIcon, WandIcon } from '@/components/ui/icons';
import { FormField } from '@/components/ui/input';
import inputStyles from '@/components/ui/input/input.module.css';
import { capitalise } from '@/lib/form-errors';
import { generatePassword, passwordStrength } from '@/lib/password';
import styles from './password-field.module.css';

export interface PasswordFieldProps {
  label?: string;
  /** The current value (from `watch`/`useWatch`), for the meter. */
  value: string;
  registration: UseFormRegisterReturn;
  /** Puts a generated password in the form (`setValue(name, password, { shouldValidate: true })`). */
  onGenerate: (password: string) => void;
  error?: string;
  autoComplete?: string;
}

const toneClass = ['', styles.weak, styles.fair, styles.good, styles.strong] as const;

/**
 * A new password for someone else (a customer, a panel account): a generator using the
 * browser's CSPRNG, show/copy buttons so the admin can pass it on, and a strength meter that
 * also says what the API's rule still wants.
 */
export function PasswordField({
  label = 'Password',
  value,
  registration,
  onGenerate,
  error,
  autoComplete = 'new-password',
}: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  const strength = passwordStrength(value);

  const hint =
    value === ''
      ? `${capitalise(STRONG_PASSWORD_RULE)}.`
      : strength.missing.length > 0
        ? `Still needs ${strength.missing.join(', ')}.`
        : 'Meets the password rule.';

  return (
    <FormField
      label={label}
      error={error}
      hint={hint}
      labelAside={
        <button
          type="button"
          className={styles.generate}
          onClick={() => {
            onGenerate(generatePassword());
            // A generated password is meant to be read and passed on.
            setShown(true);
          }}
        >
          <WandIcon size={14} />
          Generate
        </button>
      }
    >
      {(control) => (
        <>
          <div className={`${inputStyles.control} ${error ? inputStyles.invalid : ''}`}>
            <input
              className={`${inputStyles.input} ${styles.input}`}
              type={shown ? 'text' : 'password'}
              autoComplete={autoComplete}
              spellCheck={false}
              autoCapitalize="off"
              {...control}
              {...registration}
            />
            <div className={styles.buttons}>
              {value ? <CopyButton value={value} label="Copy password" /> : null}
              <button
                type="button"
                className={inputStyles.reveal}
                aria-label="Show password"
                aria-pressed={shown}
                title={shown ? 'Hide password' : 'Show password'}
                onClick={() => setShown((current) => !current)}
              >
                {shown ? <EyeOffIcon size={18} /> : <EyeIcon size={18} />}
              </button>
            </div>
          </div>
          <div className={styles.meterRow}>
            <div
              className={styles.meter}
              role="meter"
              aria-label="Password strength"
              aria-valuemin={0}
              aria-valuemax={4}
              aria-valuenow={strength.score}
              aria-valuetext={strength.label || 'No password yet'}
            >
              {[1, 2, 3, 4].map((segment) => (
                <span
                  key={segment}
                  className={`${styles.segment} ${segment <= strength.score ? toneClass[strength.score] : ''}`}
                />
              ))}
            </div>
            <span className={`${styles.label} ${toneClass[strength.score]}`} aria-hidden="true">
              {strength.label}
            </span>
          </div>
        </>
      )}
    </FormField>
  );
}
