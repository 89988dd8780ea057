import type { AuditActorType, AuditEntryResponse } from '@nextpanel/shared';
import { paths } from '@/config/paths';

export const actorTypeLabels: Record<AuditActorType, string> = {
  admin: 'Admin',
  customer: 'Customer',
  api_key: 'API key',
  system: 'Automation',
};

/** Entities the API records changes of, in the order admins think of them. */
export const entityTypeLabels: Record<string, string> = {
  customer: 'Customer',
  server: 'Server',
  plan: 'Plan',
  license: 'License',
  subscription: 'Subscription',
  order: 'Order',
  payment: 'Payment',
  account: 'Hosting account',
  job: 'Job',
  email: 'Email',
  api_key: 'API key',
  webhook_endpoint: 'Webhook endpoint',
  webhook_delivery: 'Webhook delivery',
  automation_run: 'Automation run',
  settings: 'Settings',
};

/** What each recorded action means, in words. Unknown (newer) actions fall back to their code. */
export const actionLabels: Record<string, string> = {
  'customer.create': 'Customer created',
  'customer.register': 'Customer signed up',
  'customer.update': 'Customer updated',
  'customer.deactivate': 'Customer deactivated',
  'customer.activate': 'Customer reactivated',
  'server.create': 'Server added',
  'server.update': 'Server updated',
  'server.rotate_credentials': 'Server credentials changed',
  'server.deactivate': 'Server deactivated',
  'server.activate': 'Server reactivated',
  'server.delete': 'Server deleted',
  'server.offline': 'Server went offline',
  'server.online': 'Server back online',
  'plan.create': 'Plan created',
  'plan.update': 'Plan updated',
  'license.create': 'License sold',
  'license.issue': 'License issued for an order',
  'license.suspend': 'License suspended',
  'license.reactivate': 'License reactivated',
  'license.expire': 'License expired',
  'license.cancel': 'License cancelled',
  'subscription.renew': 'Subscription renewed',
  'subscription.mark_past_due': 'Subscription past due',
  'subscription.cancel': 'Subscription cancelled',
  'order.mark_paid': 'Order marked as paid',
  'order.retry': 'Order retried',
  'order.complete': 'Order completed',
  'order.fail': 'Order failed',
  'payment.record': 'Payment recorded',
  'account.provision': 'Hosting account provisioned',
  'account.provision_failed': 'Hosting account provisioning failed',
  'account.fail': 'Hosting account failed',
  'account.suspend': 'Hosting account suspended',
  'account.unsuspend': 'Hosting account unsuspended',
  'account.terminate': 'Hosting account terminated',
  'account.change_plan': 'Hosting account plan changed',
  'account.reset_password': 'Hosting account password reset',
  'job.retry': 'Job retried',
  'email.resend': 'Email resent',
  'api_key.create': 'API key created',
  'api_key.revoke': 'API key revoked',
  'webhook_endpoint.create': 'Webhook endpoint added',
  'webhook_endpoint.update': 'Webhook endpoint updated',
  'webhook_endpoint.disable': 'Webhook endpoint disabled',
  'webhook_endpoint.delete': 'Webhook endpoint deleted',
  'webhook_delivery.resend': 'Webhook delivery resent',
  'automation.run': 'Automation ran',
  'settings.update': 'Settings changed',
};

export function actionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const [entity = action, verb = ''] = action.split('.');
  const subject = entityTypeLabels[entity] ?? entity;
  return `${subject} ${verb.replace(/_/g, ' ')}`.trim();
}

export function entityLabel(entityType: string): string {
  return entityTypeLabels[entityType] ?? entityType;
}

/** The filter's choices: every action of one kind (`server.`), then each known action. */
export const actionFilterOptions: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Any action' },
  ...[...new Set(Object.keys(actionLabels).map((action) => action.split('.')[0]!))].flatMap(
    (prefix) => {
      const group = entityTypeLabels[prefix] ?? prefix.charAt(0).toUpperCase() + prefix.slice(1);
      return [
        { value: `${prefix}.`, label: `Any ${group.toLowerCase()} change` },
        ...Object.keys(actionLabels)
          .filter((action) => action.startsWith(`${prefix}.`))
          .map((action) => ({ value: action, label: actionLabels[action]! })),
      ];
    },
  ),
];

/** A link to the changed entity's own page, where the admin has one. */
export function entityHref(
  entry: Pick<AuditEntryResponse, 'action' | 'entity_type' | 'entity_id'>,
): string | null {
  const id = Number(entry.entity_id);
  if (!entry.entity_id || !Number.isSafeInteger(id) || id <= 0) return null;
  // Its page is gone.
  if (entry.action.endsWith('.delete')) return null;
  switch (entry.entity_type) {
    case 'customer':
      return paths.app.customer.getHref(id);
    case 'order':
      return paths.app.order.getHref(id);
    case 'server':
      return paths.app.editServer.getHref(id);
    default:
      return null;
  }
}
