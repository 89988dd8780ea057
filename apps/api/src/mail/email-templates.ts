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

export type EmailTemplate =
  | { template: 'welcome'; data: WelcomeEmailData }
  | { template: 'payment_received'; data: PaymentEmailData }
  | { template: 'payment_failed'; data: PaymentEmailData }
  | { template: 'provisioning_failed'; data: ProvisioningFailedEmailData }
  | { template: 'awaiting_capacity'; data: AwaitingCapacityEmailData }
  | { template: 'server_down'; data: ServerEventEmailData }
  | { template: 'server_up'; data: ServerEventEmailData }
  | { template: 'capacity_alert'; data: ServerEventEmailData };

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
