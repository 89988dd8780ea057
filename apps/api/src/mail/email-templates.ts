/** Every email the system sends: subject, plain text and HTML, from one set of data. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** The body carries a credential: it is blanked in the outbox once delivered. */
  containsSecret: boolean;
}

export interface WelcomeEmailData {
  fullName: string;
  panelUrl: string;
  username: string;
  temporaryPassword: string;
  licenseKey: string;
  planName: string;
}

export interface PaymentEmailData {
  fullName: string;
  planName: string;
  amount: string;
  reason?: string;
  accountUrl: string;
}

export interface ProvisioningFailedEmailData {
  orderId: number;
  customerEmail: string;
  planName: string;
  reason: string;
  queueUrl: string;
}

export interface AwaitingCapacityEmailData {
  orderId: number;
  customerEmail: string;
  planName: string;
  serversUrl: string;
}

export interface ServerEventEmailData {
  serverName: string;
  serverUrl: string;
  detail: string;
  serversUrl: string;
}

/** What happened to a customer's hosting account, told to the customer. */
export interface AccountNoticeEmailData {
  fullName: string;
  username: string;
  /** The admin's or the automation's reason, when there is one. */
  reason: string | null;
  accountUrl: string;
}

export interface PlanChangedEmailData extends AccountNoticeEmailData {
  planName: string;
  quotas: string;
}

export interface PasswordResetEmailData {
  fullName: string;
  username: string;
  panelUrl: string;
  newPassword: string;
}

/** A customer's hosting account crossed the usage warning threshold of one or more quotas. */
export interface UsageWarningEmailData {
  fullName: string;
  username: string;
  thresholdPercent: number;
  /** The metrics that just crossed: label, "9.3 GB", "10 GB", 93. */
  metrics: Array<{ label: string; used: string; limit: string; percent: number }>;
  accountUrl: string;
}

/** A webhook endpoint was switched off because its deliveries kept failing; told to the admins. */
export interface WebhookEndpointDisabledEmailData {
  endpointUrl: string;
  reason: string;
  webhooksUrl: string;
}

/** A paid period ending soon, told to the customer by the billing automation. */
export interface SubscriptionNoticeEmailData {
  fullName: string;
  planName: string;
  licenseKey: string;
  /** When the period ends (expiry) or renews (reminder), already formatted: "1 December 2026". */
  date: string;
  daysLeft: number;
  /** Expiry only: why it will not renew by itself. */
  reason?: 'cancelled' | 'manual';
  /** Reminder only: what will be charged, "USD 14.99". */
  amount?: string;
  accountUrl: string;
}

export type EmailTemplate =
  | { template: 'welcome'; data: WelcomeEmailData }
  | { template: 'webhook_endpoint_disabled'; data: WebhookEndpointDisabledEmailData }
  | { template: 'payment_received'; data: PaymentEmailData }
  | { template: 'payment_failed'; data: PaymentEmailData }
  | { template: 'provisioning_failed'; data: ProvisioningFailedEmailData }
  | { template: 'awaiting_capacity'; data: AwaitingCapacityEmailData }
  | { template: 'server_down'; data: ServerEventEmailData }
  | { template: 'server_up'; data: ServerEventEmailData }
  | { template: 'capacity_alert'; data: ServerEventEmailData }
  | { template: 'usage_warning'; data: UsageWarningEmailData }
  | { template: 'account_suspended'; data: AccountNoticeEmailData }
  | { template: 'account_unsuspended'; data: AccountNoticeEmailData }
  | { template: 'account_terminated'; data: AccountNoticeEmailData }
  | { template: 'plan_changed'; data: PlanChangedEmailData }
  | { template: 'password_reset'; data: PasswordResetEmailData }
  | { template: 'expiry_warning'; data: SubscriptionNoticeEmailData }
  | { template: 'renewal_reminder'; data: SubscriptionNoticeEmailData };

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function layout(title: string, paragraphs: string[], rows: Array<[string, string]> = []): string {
  const table = rows.length
    ? `<table style="border-collapse:collapse;margin:16px 0">${rows
        .map(
          ([k, v]) =>
            `<tr><td style="padding:6px 16px 6px 0;color:#475569">${escapeHtml(k)}</td><td style="padding:6px 0;font-family:monospace">${escapeHtml(v)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p style="line-height:1.5">${escapeHtml(p)}</p>`).join('\n')}
${table}
<p style="color:#64748b;font-size:12px">NextPanel Billing</p></body></html>`;
}

const textRows = (rows: Array<[string, string]>) => rows.map(([k, v]) => `${k}: ${v}`).join('\n');

export function renderEmail(email: EmailTemplate): RenderedEmail {
  switch (email.template) {
    case 'welcome': {
      const d = email.data;
      const rows: Array<[string, string]> = [
        ['Control panel', d.panelUrl],
        ['Username', d.username],
        ['Temporary password', d.temporaryPassword],
        ['License key', d.licenseKey],
        ['Plan', d.planName],
      ];
      const intro = [
        `Hello ${d.fullName},`,
        'Your hosting account is ready. Sign in to your control panel with these details and change the password on first login.',
      ];
      return {
        subject: 'Your hosting account is ready',
        text: `${intro.join('\n\n')}\n\n${textRows(rows)}\n\nNextPanel Billing`,
        html: layout('Your hosting account is ready', intro, rows),
        containsSecret: true,
      };
    }
    case 'payment_received': {
      const d = email.data;
      const lines = [
        `Hello ${d.fullName},`,
        `We received your payment of ${d.amount} for ${d.planName}. Thank you!`,
        `Your account: ${d.accountUrl}`,
      ];
      return {
        subject: `Payment received: ${d.planName}`,
        text: lines.join('\n\n'),
        html: layout('Payment received', lines),
        containsSecret: false,
      };
    }
    case 'payment_failed': {
      const d = email.data;
      const lines = [
        `Hello ${d.fullName},`,
        `Your payment of ${d.amount} for ${d.planName} did not go through${d.reason ? ` (${d.reason})` : ''}.`,
        `Please update your payment method to keep your hosting running: ${d.accountUrl}`,
      ];
      return {
        subject: `Payment failed: ${d.planName}`,
        text: lines.join('\n\n'),
        html: layout('Payment failed', lines),
        containsSecret: false,
      };
    }
    case 'provisioning_failed': {
      const d = email.data;
      const lines = [
        `Order #${d.orderId} (${d.planName}) for ${d.customerEmail} was paid, but its hosting account could not be created after every retry.`,
        `Last reason: ${d.reason}`,
        `Retry it from the provisioning queue: ${d.queueUrl}`,
      ];
      return {
        subject: `[Action needed] Provisioning failed for order #${d.orderId}`,
        text: lines.join('\n\n'),
        html: layout('Provisioning failed', lines),
        containsSecret: false,
      };
    }
    case 'server_down':
    case 'server_up':
    case 'capacity_alert': {
      const d = email.data;
      const title = {
        server_down: `Server "${d.serverName}" is down`,
        server_up: `Server "${d.serverName}" is back online`,
        capacity_alert: `Server "${d.serverName}" is filling up`,
      }[email.template];
      const lines = [`${title} (${d.serverUrl}).`, d.detail, `Servers: ${d.serversUrl}`];
      return {
        subject: `[NextPanel Billing] ${title}`,
        text: lines.join('\n\n'),
        html: layout(title, lines),
        containsSecret: false,
      };
    }
    case 'account_suspended':
    case 'account_unsuspended':
    case 'account_terminated': {
      const d = email.data;
      const [title, body] = {
        account_suspended: [
          `Your hosting account ${d.username} is suspended`,
          'Your websites, email and databases on this account are offline until it is reactivated.',
        ],
        account_unsuspended: [
          `Your hosting account ${d.username} is active again`,
          'Everything on the account is back online.',
        ],
        account_terminated: [
          `Your hosting account ${d.username} was closed`,
          'The account and its data were removed from the server.',
        ],
      }[email.template];
      const lines = [
        `Hello ${d.fullName},`,
        body,
        ...(d.reason ? [`Reason: ${d.reason}`] : []),
        `Your account: ${d.accountUrl}`,
      ];
      return {
        subject: title,
        text: lines.join('\n\n'),
        html: layout(title, lines),
        containsSecret: false,
      };
    }
    case 'plan_changed': {
      const d = email.data;
      const lines = [
        `Hello ${d.fullName},`,
        `Your hosting account ${d.username} is now on ${d.planName}.`,
        `New limits: ${d.quotas}.`,
        `Your account: ${d.accountUrl}`,
      ];
      return {
        subject: `Your plan changed to ${d.planName}`,
        text: lines.join('\n\n'),
        html: layout('Your plan changed', lines),
        containsSecret: false,
      };
    }
    case 'password_reset': {
      const d = email.data;
      const rows: Array<[string, string]> = [
        ['Control panel', d.panelUrl],
        ['Username', d.username],
        ['New password', d.newPassword],
      ];
      const intro = [
        `Hello ${d.fullName},`,
        'The password of your hosting control panel was reset. Sign in with it and choose your own.',
      ];
      return {
        subject: 'Your control panel password was reset',
        text: `${intro.join('\n\n')}\n\n${textRows(rows)}\n\nNextPanel Billing`,
        html: layout('Your control panel password was reset', intro, rows),
        containsSecret: true,
      };
    }
    case 'usage_warning': {
      const d = email.data;
      const rows: Array<[string, string]> = d.metrics.map((m) => [
        m.label,
        `${m.used} of ${m.limit} (${m.percent}%)`,
      ]);
      const intro = [
        `Hello ${d.fullName},`,
        `Your hosting account ${d.username} has used ${d.thresholdPercent}% or more of its plan's limits. Once a limit is reached, the control panel refuses to create more.`,
        `Remove what you no longer need, or upgrade your plan: ${d.accountUrl}`,
      ];
      return {
        subject: `Your hosting account ${d.username} is close to its limits`,
        text: `${intro.join('\n\n')}\n\n${textRows(rows)}\n\nNextPanel Billing`,
        html: layout('Your hosting account is close to its limits', intro, rows),
        containsSecret: false,
      };
    }
    case 'webhook_endpoint_disabled': {
      const d = email.data;
      const lines = [
        `The webhook endpoint ${d.endpointUrl} was disabled: its deliveries kept failing.`,
        d.reason,
        'Events for it are no longer recorded; deliveries already waiting are kept. Fix the receiver, then enable the endpoint and resend what it missed:',
        d.webhooksUrl,
      ];
      return {
        subject: '[Action needed] A webhook endpoint was disabled',
        text: lines.join('\n\n'),
        html: layout('Webhook endpoint disabled', lines),
        containsSecret: false,
      };
    }
    case 'expiry_warning': {
      const d = email.data;
      const when = d.daysLeft <= 1 ? 'tomorrow' : `in ${d.daysLeft} days`;
      const lines = [
        `Hello ${d.fullName},`,
        d.reason === 'cancelled'
          ? `Your ${d.planName} subscription was cancelled and ends ${when}, on ${d.date}. After that your hosting on license ${d.licenseKey} stops.`
          : `Your ${d.planName} plan (license ${d.licenseKey}) is paid until ${d.date}, ${when}, and does not renew by itself. Renew before then to keep your hosting running.`,
        `Your account: ${d.accountUrl}`,
      ];
      const subject = `Your ${d.planName} plan ends ${when}`;
      return {
        subject,
        text: lines.join('\n\n'),
        html: layout(subject, lines),
        containsSecret: false,
      };
    }
    case 'renewal_reminder': {
      const d = email.data;
      const lines = [
        `Hello ${d.fullName},`,
        `Your ${d.planName} plan (license ${d.licenseKey}) renews automatically on ${d.date}${d.amount ? `; ${d.amount} will be charged to your payment method on file` : ''}.`,
        'Nothing to do if your payment details are up to date. To change them or cancel, visit your account:',
        d.accountUrl,
      ];
      const subject = `Your ${d.planName} plan renews on ${d.date}`;
      return {
        subject,
        text: lines.join('\n\n'),
        html: layout(subject, lines),
        containsSecret: false,
      };
    }
    case 'awaiting_capacity': {
      const d = email.data;
      const lines = [
        `Order #${d.orderId} (${d.planName}) for ${d.customerEmail} is paid and waiting: no active, online server has a free slot.`,
        `Add a server or raise a capacity; the order is provisioned automatically once there is room: ${d.serversUrl}`,
      ];
      return {
        subject: `[Action needed] No server capacity for order #${d.orderId}`,
        text: lines.join('\n\n'),
        html: layout('Waiting for server capacity', lines),
        containsSecret: false,
      };
    }
  }
}
