import { Select, type SelectOption } from '../select';

export interface FilterSelectProps {
  /** The field's box: each filter bar sizes its fields its own way. */
  className: string;
  /** For screen readers only: the select shows the chosen option itself. */
  label: string;
  options: readonly SelectOption[];
  /** The chosen value, '' for "all". */
  value: string;
  onChange: (value: string) => void;
}

/** A select in a list's filter bar ("All statuses", "Active", …). */
export function FilterSelect({ className, label, options, value, onChange }: FilterSelectProps) {
  return (
    <div className={className}>
      <Select
        label={label}
        hideLabel
        options={options}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** A filter select's options: "All …" (no filter, value '') first, then every value. */
export function filterOptions<Value extends string>(
  allLabel: string,
  values: readonly Value[],
  label: (value: Value) => string,
): SelectOption[] {
  return [
    { value: '', label: allLabel },
    ...values.map((value) => ({ value, label: label(value) })),
  ];
}

/** A URL parameter as one of the values its filter knows; anything else means no filter. */
export function oneOf<Value extends string>(
  values: readonly Value[],
  raw: string | null,
): Value | undefined {
  return values.find((value) => value === raw);
}
