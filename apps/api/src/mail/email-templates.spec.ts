import { renderEmail } from './email-templates';

describe('renderEmail', () => {
  it('puts the credentials and license key in the welcome email and flags it as secret', () => {
    const email = renderEmail({
      template: 'welcome',
      data: {
        fullName: 'Jo',
        panelUrl: 'http://p:3000',
        username: 'jo123',
        temporaryPassword: 'Pw-123456aA',
        licenseKey: 'NP-AAAA-BBBB-CCCC',
        planName: 'Starter',
      },
    });
    for (const part of [email.text, email.html]) {
      for (const value of ['http://p:3000', 'jo123', 'Pw-123456aA', 'NP-AAAA-BBBB-CCCC'])
        expect(part).toContain(value);
    }
    expect(email.containsSecret).toBe(true);
  });

  it('escapes HTML in customer-controlled values', () => {
    const email = renderEmail({
      template: 'payment_received',
      data: {
        fullName: '<script>alert(1)</script>',
        planName: 'Starter',
        amount: 'USD 4.99',
        accountUrl: 'http://x/my',
      },
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.containsSecret).toBe(false);
  });

  it('lists every metric that crossed the usage threshold, with used, limit and percent', () => {
    const email = renderEmail({
      template: 'usage_warning',
      data: {
        fullName: 'Jo <b>',
        username: 'jo123',
        thresholdPercent: 90,
        metrics: [
          { label: 'Disk space', used: '9.3 GB', limit: '10 GB', percent: 93 },
          { label: 'Databases', used: '2', limit: '2', percent: 100 },
        ],
        accountUrl: 'http://x/my',
      },
    });
    expect(email.subject).toBe('Your hosting account jo123 is close to its limits');
    for (const part of [email.text, email.html]) {
      for (const value of [
        '9.3 GB of 10 GB (93%)',
        '2 of 2 (100%)',
        'Disk space',
        '90%',
        'http://x/my',
      ])
        expect(part).toContain(value);
    }
    expect(email.html).toContain('Jo &lt;b&gt;');
    expect(email.containsSecret).toBe(false);
  });
});
