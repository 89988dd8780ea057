import type { ConnectionFailure, TestServerConnectionResponse } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';

const failureTitles: Record<ConnectionFailure, string> = {
  unreachable: 'Server unreachable',
  timeout: 'Connection timed out',
  credentials_refused: 'API key or secret refused',
  not_nextpanel: 'Not a NextPanel server',
  unhealthy: 'Server is not healthy',
};

const failureTips: Record<ConnectionFailure, string> = {
  unreachable:
    'Check the URL, the protocol (http or https) and the port, and that no firewall blocks the billing API.',
  timeout:
    'The panel did not answer within 5 seconds. Check that it is running and not overloaded.',
  credentials_refused:
    'In NextPanel, open Settings → API Keys and copy a key pair with the BILLING permission.',
  not_nextpanel:
    'Something answers at this URL, but not the NextPanel billing API. Check the host and port.',
  unhealthy: 'The panel reports a problem of its own. Check its logs, then test again.',
};

/** The answer of POST /servers/test, in words an admin can act on. */
export function ConnectionTestResult({ result }: { result: TestServerConnectionResponse }) {
  if (result.success) {
    return (
      <Alert variant="success" title={result.message}>
        {result.url}
        {result.latency_ms !== undefined ? ` answered in ${result.latency_ms} ms.` : ' answered.'}
      </Alert>
    );
  }
  const reason = result.reason;
  return (
    <Alert variant="error" title={reason ? failureTitles[reason] : 'Connection failed'}>
      <p>{result.message}</p>
      {reason ? <p>{failureTips[reason]}</p> : null}
    </Alert>
  );
}
