import { connect } from 'node:net';

/**
 * One HTTP/1.1 exchange over a bare TCP socket, keeping every byte the server sent and how the
 * connection ended. An HTTP client library hides exactly what the "drop" fault is about (a status
 * line, half a body, then the end of the connection), so the specs look at the wire instead.
 * The request keeps the connection alive (HTTP/1.1's default), so this resolves only when the
 * server closes it; a server that answers normally and keeps the connection open times out.
 */

export interface RawExchange {
  /** The status line, e.g. "HTTP/1.1 201 Created". */
  statusLine: string;
  status: number;
  headers: Record<string, string>;
  /** The body bytes received before the connection ended. */
  body: string;
}

export function rawExchange(
  baseUrl: string,
  request: { method: string; path: string; headers?: Record<string, string>; json?: unknown },
  timeoutMs = 3000,
): Promise<RawExchange> {
  const url = new URL(baseUrl);
  const payload = request.json === undefined ? '' : JSON.stringify(request.json);
  const headers: Record<string, string> = {
    Host: url.host,
    ...request.headers,
  };
  if (payload !== '') {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const head =
    `${request.method} ${request.path} HTTP/1.1\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    '\r\n';

  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const headLines = (split === -1 ? raw : raw.slice(0, split)).split('\r\n');
      const statusLine = headLines[0] ?? '';
      const parsedHeaders: Record<string, string> = {};
      for (const line of headLines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0)
          parsedHeaders[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        statusLine,
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers: parsedHeaders,
        body: split === -1 ? '' : raw.slice(split + 4),
      });
    });
    socket.write(head + payload);
  });
}
