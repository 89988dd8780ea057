import { License } from '../licenses/license.entity';
import { Subscription } from '../licenses/subscription.entity';
import { Plan } from '../plans/plan.entity';
import { HostingAccount } from '../provisioning/hosting-account.entity';
import { PanelServer } from '../servers/panel-server.entity';
import { User } from '../users/user.entity';

/** Every entity, listed explicitly: the compiled app has no source globs to scan. */
export const ENTITIES = [User, Plan, PanelServer, License, Subscription, HostingAccount];
