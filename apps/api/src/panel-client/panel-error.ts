export type PanelErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'credentials_refused'
  | 'conflict'
  | 'bad_request'
  | 'not_found'
  | 'capacity'
  | 'server_error'
  | 'unexpected';

/** A NextPanel call that did not succeed, with the panel's own reason (`detail`) when it gave one. */
export class PanelError extends Error {
  constructor(
    readonly kind: PanelErrorKind,
    message: string,
    readonly status?: number,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PanelError';
  }
}
