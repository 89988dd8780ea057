import { describe, expect, it } from 'vitest';
import { describeActor } from './actors';

describe('describeActor', () => {
  it('names people by role and id', () => {
    expect(describeActor('admin:1')).toBe('Admin #1');
    expect(describeActor('customer:42')).toBe('Customer #42');
    expect(describeActor('api_key:3')).toBe('API key #3');
  });

  it('names the automation and the known background sources', () => {
    expect(describeActor('system:automation.run')).toBe('Automation');
    expect(describeActor('system:automation')).toBe('Automation');
    expect(describeActor('system:orders.fulfil')).toBe('Order fulfilment');
    expect(describeActor('system:stripe.webhook')).toBe('Stripe webhook');
    expect(describeActor('system')).toBe('System');
  });

  it('shows what it does not know instead of guessing', () => {
    expect(describeActor('system:usage.collect')).toBe('System (usage.collect)');
    expect(describeActor('robot:7')).toBe('robot:7');
    expect(describeActor('admin:ada')).toBe('Admin ada');
  });
});
