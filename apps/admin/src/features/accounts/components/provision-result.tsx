import type { ProvisionAccountResponse } from '@nextpanel/shared';
import { ButtonLink, Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { DescriptionList } from '@/components/ui/description-list';
import { ArrowLeftIcon, CheckCircleIcon, ExternalLinkIcon, PlusIcon } from '@/components/ui/icons';
import styles from './provision.module.css';

export interface ProvisionResultProps {
  result: ProvisionAccountResponse;
  /** The password the account was created with; billing never stores it, so this is the only chance to copy it. */
  password: string;
  backTo: string;
  onProvisionAnother: () => void;
}

/** What the admin passes on to the customer: where to sign in and with what. */
export function ProvisionResult({
  result,
  password,
  backTo,
  onProvisionAnother,
}: ProvisionResultProps) {
  return (
    <section className={styles.result} aria-labelledby="provision-result-title">
      <div className={styles.resultHeader}>
        <span className={styles.resultIcon} aria-hidden="true">
          <CheckCircleIcon size={26} />
        </span>
        <div>
          <h2 id="provision-result-title" className={styles.resultTitle}>
            Hosting account created
          </h2>
          <p className={styles.resultText}>
            <strong>{result.username}</strong> is ready on <strong>{result.server_name}</strong>.
            Send the customer these details.
          </p>
        </div>
      </div>

      <DescriptionList
        items={[
          { term: 'Server', description: result.server_name },
          {
            term: 'Panel URL',
            description: (
              <>
                <a
                  href={result.server_url}
                  target="_blank"
                  rel="noreferrer"
                  className={styles.mono}
                >
                  {result.server_url}
                  <ExternalLinkIcon size={12} />
                </a>
                <CopyButton value={result.server_url} label="Copy panel URL" />
              </>
            ),
          },
          {
            term: 'Username',
            description: (
              <>
                <span className={styles.mono}>{result.username}</span>
                <CopyButton value={result.username} label="Copy username" />
              </>
            ),
          },
          {
            term: 'Password',
            description: (
              <>
                <span className={styles.mono}>{'•'.repeat(Math.min(password.length, 16))}</span>
                <CopyButton value={password} label="Copy password" />
              </>
            ),
          },
          {
            term: 'Panel user ID',
            description: <span className={styles.mono}>{result.nextpanel_user_id}</span>,
          },
          {
            term: 'Billing account ID',
            description: <span className={styles.mono}>{result.account_id}</span>,
          },
        ]}
      />
      <p className={styles.passwordNote}>
        Billing does not store the password. Copy it now if the customer needs it.
      </p>

      <div className={styles.resultActions}>
        <Button variant="secondary" icon={<PlusIcon size={16} />} onClick={onProvisionAnother}>
          Provision another account
        </Button>
        <ButtonLink to={backTo} icon={<ArrowLeftIcon size={16} />}>
          Back to customer
        </ButtonLink>
      </div>
    </section>
  );
}
