import { useId, type CSSProperties, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Button } from '../button';
import { Checkbox } from '../checkbox';
import styles from './checkbox-fieldset.module.css';

export interface CheckboxPreset<Option extends string> {
  /** The button's text: "All", "None", "All read". */
  label: string;
  /** Exactly what is ticked after clicking it. */
  options: readonly Option[];
}

export interface CheckboxFieldsetProps<Option extends string> {
  legend: string;
  /** One tick box per option, in this order; the option is both the value and the label. */
  options: readonly Option[];
  /** What ticking an option means, under its label. */
  descriptions: Readonly<Record<Option, ReactNode>>;
  /** The registration of the array field that all the boxes fill. */
  registration: UseFormRegisterReturn;
  /** Quick choices beside the legend; each calls `onSelect` with its options. */
  presets?: readonly CheckboxPreset<Option>[];
  onSelect?: (options: Option[]) => void;
  /** Validation message for the whole group. */
  error?: string;
  /** Show the labels as code: the options are machine names (scopes, event types). */
  monoLabels?: boolean;
  /** The narrowest a column of the grid gets, in pixels. */
  minColumnWidth?: number;
}

/**
 * A many-of choice from a fixed catalogue (API key scopes, webhook events): a legend with quick
 * choices, a grid of described tick boxes and one error for the group.
 */
export function CheckboxFieldset<Option extends string>({
  legend,
  options,
  descriptions,
  registration,
  presets = [],
  onSelect,
  error,
  monoLabels = false,
  minColumnWidth = 240,
}: CheckboxFieldsetProps<Option>) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset className={styles.fieldset} aria-describedby={error ? errorId : undefined}>
      <legend className={styles.legend}>
        <span>{legend}</span>
        {presets.length > 0 ? (
          <span className={styles.presets}>
            {presets.map((preset) => (
              <Button
                key={preset.label}
                size="sm"
                variant="ghost"
                onClick={() => onSelect?.([...preset.options])}
              >
                {preset.label}
              </Button>
            ))}
          </span>
        ) : null}
      </legend>
      <div
        className={`${styles.grid} ${monoLabels ? styles.monoLabels : ''}`}
        style={{ '--checkbox-fieldset-column': `${minColumnWidth}px` } as CSSProperties}
      >
        {options.map((option) => (
          <Checkbox
            key={option}
            label={option}
            value={option}
            description={descriptions[option]}
            registration={registration}
          />
        ))}
      </div>
      {error ? (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
