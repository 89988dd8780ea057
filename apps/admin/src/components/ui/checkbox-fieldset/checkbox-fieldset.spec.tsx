import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { CheckboxFieldset } from './checkbox-fieldset';

const COLOURS = ['red', 'green', 'blue'] as const;
type Colour = (typeof COLOURS)[number];
const DESCRIPTIONS: Record<Colour, string> = {
  red: 'Warm',
  green: 'Calm',
  blue: 'Cool',
};

function ColourForm({ error }: { error?: string }) {
  const { register, setValue } = useForm<{ colours: Colour[] }>({
    defaultValues: { colours: ['green'] },
  });
  return (
    <form>
      <CheckboxFieldset
        legend="Colours"
        options={COLOURS}
        descriptions={DESCRIPTIONS}
        registration={register('colours')}
        presets={[
          { label: 'Warm and cool', options: ['red', 'blue'] },
          { label: 'None', options: [] },
        ]}
        onSelect={(colours) => setValue('colours', colours)}
        error={error}
      />
    </form>
  );
}

const checked = () =>
  COLOURS.filter(
    (colour) => screen.getByRole<HTMLInputElement>('checkbox', { name: colour }).checked,
  );

describe('CheckboxFieldset', () => {
  it('lists one described box per option and ticks exactly what a preset names', async () => {
    const user = userEvent.setup();
    render(<ColourForm />);
    const group = screen.getByRole('group', { name: /Colours/ });
    expect(group.getAttribute('aria-describedby')).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'red' }).getAttribute('aria-describedby')).toBe(
      screen.getByText('Warm').id,
    );
    expect(checked()).toEqual(['green']);

    await user.click(screen.getByRole('button', { name: 'Warm and cool' }));
    expect(checked()).toEqual(['red', 'blue']);
    await user.click(screen.getByRole('checkbox', { name: 'green' }));
    expect(checked()).toEqual(['red', 'green', 'blue']);
    await user.click(screen.getByRole('button', { name: 'None' }));
    expect(checked()).toEqual([]);
  });

  it('ties the group to its error message', () => {
    render(<ColourForm error="Choose at least one colour" />);
    const group = screen.getByRole('group', { name: /Colours/ });
    const message = screen.getByText('Choose at least one colour');
    expect(group.getAttribute('aria-describedby')).toBe(message.id);
  });
});
