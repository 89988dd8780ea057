import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, loadAppConfig } from '../config/app-config';
import { renderEmail } from '../mail/email-templates';

const base = () => ({
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'np-automation-config-')),
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('automation configuration', () => {
  it('has the WHMCS-like defaults: warnings at 7 and 1 days, suspend after 3, terminate off', () => {
    expect(loadAppConfig(base()).automation).toEqual({
      intervalMs: 3_600_000,
      enabled: true,
      expiryWarningDays: [7, 1],
      renewalReminderDays: 7,
      suspendEnabled: true,
      suspendAfterDays: 3,
      unsuspendOnPayment: true,
      terminateEnabled: false,
      terminateAfterDays: 30,
    });
  });

  it('reads the warning days as a list, largest first, without repeats', () => {
    const config = loadAppConfig({ ...base(), AUTOMATION_EXPIRY_WARNING_DAYS: ' 1, 14 ,1' });
    expect(config.automation.expiryWarningDays).toEqual([14, 1]);
  });

  it('names the automation variable that is wrong', () => {
    expect(problemsOf({ ...base(), AUTOMATION_EXPIRY_WARNING_DAYS: '7;1' })).toEqual([
      expect.stringContaining('AUTOMATION_EXPIRY_WARNING_DAYS'),
    ]);
    expect(problemsOf({ ...base(), AUTOMATION_EXPIRY_WARNING_DAYS: '0' })).toEqual([
      'AUTOMATION_EXPIRY_WARNING_DAYS: each day count must be from 1 to 90',
    ]);
    expect(problemsOf({ ...base(), AUTOMATION_TERMINATE_AFTER_DAYS: '0' })).toEqual([
      expect.stringContaining('AUTOMATION_TERMINATE_AFTER_DAYS'),
    ]);
    expect(problemsOf({ ...base(), AUTOMATION_INTERVAL_MS: '1000' })).toEqual([
      expect.stringContaining('AUTOMATION_INTERVAL_MS'),
    ]);
  });
});

describe('automation emails', () => {
  const data = {
    fullName: 'Jo <b>',
    planName: 'Starter',
    licenseKey: 'NP-AAAA-BBBB-CCCC',
    date: '3 December 2026',
    accountUrl: 'http://x/my',
  };

  it('warns that a period ends, saying why it will not renew', () => {
    const manual = renderEmail({
      template: 'expiry_warning',
      data: { ...data, daysLeft: 7, reason: 'manual' },
    });
    expect(manual.subject).toBe('Your Starter plan ends in 7 days');
    expect(manual.text).toContain('paid until 3 December 2026');
    expect(manual.text).toContain('NP-AAAA-BBBB-CCCC');
    expect(manual.html).toContain('Jo &lt;b&gt;');
    const cancelled = renderEmail({
      template: 'expiry_warning',
      data: { ...data, daysLeft: 1, reason: 'cancelled' },
    });
    expect(cancelled.subject).toBe('Your Starter plan ends tomorrow');
    expect(cancelled.text).toContain('was cancelled');
    expect(cancelled.containsSecret).toBe(false);
  });

  it('reminds of an automatic renewal with the amount', () => {
    const email = renderEmail({
      template: 'renewal_reminder',
      data: { ...data, daysLeft: 7, amount: 'USD 14.99' },
    });
    expect(email.subject).toBe('Your Starter plan renews on 3 December 2026');
    expect(email.text).toContain('USD 14.99 will be charged');
    expect(email.containsSecret).toBe(false);
  });
});
