/**
 * Who or what caused a change, as the API records it on account and license events and on
 * lifecycle actions: `admin:1`, `customer:5`, `api_key:3`, `system:<job queue or source>` or a
 * bare `system`. Unknown forms are shown as they are rather than guessed at.
 */
const SYSTEM_SOURCES: Record<string, string> = {
  'orders.fulfil': 'Order fulfilment',
  'stripe.webhook': 'Stripe webhook',
  'payments.stripe-reconcile': 'Stripe reconciliation',
  'accounts.action': 'Job queue',
  'servers.health-check': 'Server monitor',
  'maintenance.cleanup': 'Maintenance',
  system: 'System',
};

const PEOPLE: Record<string, string> = {
  admin: 'Admin',
  customer: 'Customer',
  api_key: 'API key',
};

export function describeActor(actor: string): string {
  const separator = actor.indexOf(':');
  if (separator === -1) return actor === 'system' ? 'System' : actor;
  const kind = actor.slice(0, separator);
  const who = actor.slice(separator + 1);
  if (kind === 'system') {
    // The automation rules (dunning, renewals) all run as `automation.<what>`.
    if (who === 'automation' || who.startsWith('automation.')) return 'Automation';
    return SYSTEM_SOURCES[who] ?? `System (${who})`;
  }
  const person = PEOPLE[kind];
  if (person === undefined) return actor;
  return /^\d+$/.test(who) ? `${person} #${who}` : `${person} ${who}`;
}
