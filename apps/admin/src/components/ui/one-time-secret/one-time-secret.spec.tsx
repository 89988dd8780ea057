import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OneTimeSecret } from './one-time-secret';

const SECRET = 'npk_live_0123456789abcdef';

describe('OneTimeSecret', () => {
  it('shows the warning, the secret with a copy button, the hint and the example', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    render(
      <OneTimeSecret
        secret={SECRET}
        secretLabel="API key Billing sync"
        copyLabel="Copy API key"
        warningTitle="Copy the key now"
        warning="It is shown only this once."
        example="curl -H 'Authorization: Bearer npk_live_…'"
        doneLabel="I have copied the key"
        onDone={onDone}
      >
        Send it as a bearer token.
      </OneTimeSecret>,
    );

    expect(screen.getByText('Copy the key now')).toBeTruthy();
    expect(screen.getByText('It is shown only this once.')).toBeTruthy();
    expect(screen.getByLabelText('API key Billing sync').textContent).toBe(SECRET);
    expect(screen.getByText('Send it as a bearer token.').tagName).toBe('P');
    expect(screen.getByText("curl -H 'Authorization: Bearer npk_live_…'").tagName).toBe('PRE');

    await user.click(screen.getByRole('button', { name: 'Copy API key' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(screen.getByRole('button', { name: 'Copy API key: copied' })).toBeTruthy();

    expect(onDone).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'I have copied the key' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('leaves out the hint and the example when there are none', () => {
    const { container } = render(
      <OneTimeSecret
        secret={SECRET}
        secretLabel="Signing secret"
        copyLabel="Copy signing secret"
        warningTitle="Copy the signing secret now"
        warning="It is shown only this once."
        doneLabel="I have copied the secret"
        onDone={() => undefined}
      />,
    );
    expect(screen.getByLabelText('Signing secret').textContent).toBe(SECRET);
    expect(container.querySelector('pre')).toBeNull();
    // Only the warning's title is a paragraph: no empty hint is left behind.
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Copy the signing secret now',
    ]);
  });
});
