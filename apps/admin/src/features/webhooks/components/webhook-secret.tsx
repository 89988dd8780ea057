import { WebhookHeader, type WebhookEndpointWithSecretResponse } from '@nextpanel/shared';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import styles from './webhooks.module.css';

export interface WebhookSecretProps {
  endpoint: WebhookEndpointWithSecretResponse;
  /** After a rotation the old secret keeps signing too for a day. */
  rotated?: boolean;
  onDone: () => void;
}

const VERIFY_EXAMPLE = `// Node: the raw request body, exactly as received
const [t, ...v1] = header.split(',').map((p) => p.split('='));
const expected = crypto.createHmac('sha256', secret)
  .update(\`\${t[1]}.\${rawBody}\`).digest('hex');
const valid = v1.some(([, sig]) => sig === expected); // use a constant-time compare`;

/** The signing secret, once: the dashboard never shows it again. */
export function WebhookSecret({ endpoint, rotated = false, onDone }: WebhookSecretProps) {
  return (
    <OneTimeSecret
      secret={endpoint.secret}
      secretLabel={`Signing secret of ${endpoint.url}`}
      copyLabel="Copy signing secret"
      warningTitle="Copy the signing secret now"
      warning={`It is shown only this once. ${
        rotated
          ? 'For the next 24 hours deliveries are signed with both the old and the new secret, so the receiver can switch over without refusing any.'
          : 'If it is lost, rotate the secret and give the receiver the new one.'
      }`}
      example={VERIFY_EXAMPLE}
      doneLabel="I have copied the secret"
      onDone={onDone}
    >
      Each delivery carries <span className={styles.mono}>{WebhookHeader.Signature}: t=…,v1=…</span>
      : an HMAC-SHA256 of <span className={styles.mono}>{'<t>.<raw body>'}</span> keyed with this
      secret. Refuse requests whose signature does not match or whose timestamp is more than 5
      minutes old, and use <span className={styles.mono}>{WebhookHeader.EventId}</span> to drop
      repeats.
    </OneTimeSecret>
  );
}
