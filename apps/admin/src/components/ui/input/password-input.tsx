import { useState } from 'react';
import { EyeIcon, EyeOffIcon } from '../icons';
import { Input, type InputProps } from './input';
import styles from './input.module.css';

/** A secret (password, API secret) with a show/hide toggle inside the box. */
export function PasswordInput({ label, ...props }: Omit<InputProps, 'type' | 'trailing'>) {
  const [shown, setShown] = useState(false);
  return (
    <Input
      label={label}
      type={shown ? 'text' : 'password'}
      spellCheck={false}
      autoCapitalize="off"
      {...props}
      trailing={
        <button
          type="button"
          className={styles.reveal}
          aria-label={`Show ${label}`}
          aria-pressed={shown}
          title={shown ? 'Hide' : 'Show'}
          onClick={() => setShown((value) => !value)}
        >
          {shown ? <EyeOffIcon size={18} /> : <EyeIcon size={18} />}
        </button>
      }
    />
  );
}
