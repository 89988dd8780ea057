import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { PanelError } from '../panel-client/panel-error';
import { PanelServer } from '../servers/panel-server.entity';

/** A panel failure as the API answers it: the panel's own reason, and 409 when it is a duplicate. */
export function describePanelFailure(
  error: unknown,
  server: Pick<PanelServer, 'name'>,
  action: string,
): DomainException {
  if (!(error instanceof PanelError)) {
    return new DomainException(
      HttpStatus.BAD_GATEWAY,
      'PANEL_ERROR',
      `Server "${server.name}" failed while ${action}`,
    );
  }
  switch (error.kind) {
    case 'conflict':
      return new DomainException(
        HttpStatus.CONFLICT,
        'USERNAME_TAKEN',
        error.detail ?? 'Username already exists',
      );
    case 'not_found':
      return new DomainException(
        HttpStatus.BAD_GATEWAY,
        'PANEL_ACCOUNT_MISSING',
        `Server "${server.name}" does not know this account (${error.message})`,
      );
    case 'timeout':
    case 'unreachable':
      return new DomainException(
        HttpStatus.BAD_GATEWAY,
        'PANEL_UNAVAILABLE',
        `Server "${server.name}" ${error.message} while ${action}`,
      );
    case 'credentials_refused':
    case 'bad_request':
    case 'capacity':
    case 'server_error':
    case 'unexpected':
      return new DomainException(
        HttpStatus.BAD_GATEWAY,
        'PANEL_ERROR',
        `Server "${server.name}" ${error.message} while ${action}`,
      );
  }
}
