import { HostingAccountSummary } from '@nextpanel/shared';
import { PanelServer } from '../servers/panel-server.entity';
import { HostingAccount } from './hosting-account.entity';

export function toHostingAccountSummary(
  account: HostingAccount,
  server: Pick<PanelServer, 'name' | 'baseUrl'>,
): HostingAccountSummary {
  return {
    id: account.id,
    customer_id: account.customerId,
    server_id: account.serverId,
    server_name: server.name,
    server_url: server.baseUrl,
    license_id: account.licenseId,
    username: account.username,
    email: account.email,
    nextpanel_user_id: account.nextpanelUserId,
    package_id: account.packageId,
    status: account.status,
    status_reason: account.statusReason,
    suspension_kind: account.suspensionKind,
    created_at: account.createdAt.toISOString(),
    updated_at: account.updatedAt.toISOString(),
  };
}
