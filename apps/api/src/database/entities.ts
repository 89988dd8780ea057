import { ApiKey } from '../api-keys/api-key.entity';
import { AccountAction } from '../provisioning/account-action.entity';
import { LicenseEvent } from '../licenses/license-event.entity';
import { Setting } from '../settings/setting.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Job } from '../jobs/job.entity';
import { UsedSignature } from '../license-validation/used-signature.entity';
import { License } from '../licenses/license.entity';
import { Subscription } from '../licenses/subscription.entity';
import { EmailMessage } from '../mail/email-message.entity';
import { Order } from '../orders/order.entity';
import { Payment } from '../payments/payment.entity';
import { StripeEvent } from '../payments/stripe-event.entity';
import { Plan } from '../plans/plan.entity';
import { AccountEvent } from '../provisioning/account-event.entity';
import { HostingAccount } from '../provisioning/hosting-account.entity';
import { PanelServer } from '../servers/panel-server.entity';
import { User } from '../users/user.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity';
import { WebhookEvent } from '../webhooks/webhook-event.entity';
import { AccountUsageSample } from '../usage/account-usage-sample.entity';
import { AccountUsageState } from '../usage/account-usage-state.entity';
import { AccountUsageWarning } from '../usage/account-usage-warning.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { AutomationRun } from '../automation/automation-run.entity';
import { AutomationRunItem } from '../automation/automation-run-item.entity';

/** Every entity, listed explicitly: the compiled app has no source globs to scan. */
export const ENTITIES = [
  User,
  Plan,
  PanelServer,
  License,
  Subscription,
  HostingAccount,
  Job,
  EmailMessage,
  Order,
  Payment,
  StripeEvent,
  UsedSignature,
  AccountEvent,
  AuditEntry,
  AccountAction,
  LicenseEvent,
  Setting,
  ApiKey,
  AccountUsageSample,
  AccountUsageState,
  AccountUsageWarning,
  IdempotencyKey,
  WebhookEndpoint,
  WebhookEvent,
  WebhookDelivery,
  AutomationRun,
  AutomationRunItem,
];
