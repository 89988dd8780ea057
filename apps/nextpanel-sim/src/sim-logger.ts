/**
 * Structured logs: one JSON object per line on stderr, so stdout stays free for the single
 * `listening` line that spawners parse. Callers pass only fields they chose; nothing here ever
 * sees request headers or bodies, which is how keys, secrets and passwords stay out of logs.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null>;
export type SimLogger = (level: LogLevel, event: string, fields?: LogFields) => void;

export function jsonLinesLogger(stream: NodeJS.WritableStream = process.stderr): SimLogger {
  return (level, event, fields = {}) => {
    stream.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`,
    );
  };
}

export const silentLogger: SimLogger = () => undefined;
