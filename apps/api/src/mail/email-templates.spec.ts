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
});
