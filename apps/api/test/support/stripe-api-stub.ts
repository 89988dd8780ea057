import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedStripeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The form-encoded body, decoded into its flat keys (`line_items[0][price_data][unit_amount]`). */
  form: Record<string, string>;
}

/**
 * A local HTTP server standing in for api.stripe.com, so tests exercise the real Stripe SDK
 * (pointed here with its host/port/protocol options) without internet. It answers Checkout
 * Session creation like Stripe does and records every request the SDK sends.
 */
export class StripeApiStub {
  readonly requests: RecordedStripeRequest[] = [];
  private server: Server | undefined;
  private sessionSequence = 0;
  failNext = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        this.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          form,
        });
        res.setHeader('Content-Type', 'application/json');
        if (this.failNext > 0) {
          this.failNext -= 1;
          res.statusCode = 400;
          res.end(
            JSON.stringify({
              error: { type: 'invalid_request_error', message: 'Stub refused the request' },
            }),
          );
          return;
        }
        if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
          this.sessionSequence += 1;
          const id = `cs_test_stub_${this.sessionSequence}`;
          res.end(
            JSON.stringify({
              id,
              object: 'checkout.session',
              mode: form.mode,
              url: `https://checkout.stripe.test/c/pay/${id}`,
              metadata: { order_id: form['metadata[order_id]'] },
              client_reference_id: form.client_reference_id,
            }),
          );
          return;
        }
        res.statusCode = 404;
        res.end(
          JSON.stringify({
            error: {
              type: 'invalid_request_error',
              message: `No stub for ${req.method} ${req.url}`,
            },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
