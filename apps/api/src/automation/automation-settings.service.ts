import { Inject, Injectable } from '@nestjs/common';
import { AutomationSettings, UpdateAutomationSettingsRequest } from '@nextpanel/shared';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { SettingsStore } from '../settings/settings.service';

/** The `automation` settings group: defaults from the environment, changed by admins at run time. */
export const AUTOMATION_SETTINGS_KEY = 'automation';

@Injectable()
export class AutomationSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: SettingsStore,
  ) {}

  get defaults(): AutomationSettings {
    const automation = this.config.automation;
    return {
      enabled: automation.enabled,
      expiry_warning_days: automation.expiryWarningDays,
      renewal_reminder_days: automation.renewalReminderDays,
      suspend_enabled: automation.suspendEnabled,
      suspend_after_days_overdue: automation.suspendAfterDays,
      unsuspend_on_payment: automation.unsuspendOnPayment,
      terminate_enabled: automation.terminateEnabled,
      terminate_after_days_suspended: automation.terminateAfterDays,
    };
  }

  read(): Promise<AutomationSettings> {
    return this.store.read(AUTOMATION_SETTINGS_KEY, this.defaults);
  }

  /** The DTO has validated each field; only the fields sent change. */
  update(request: UpdateAutomationSettingsRequest): Promise<AutomationSettings> {
    const changes = Object.fromEntries(
      Object.entries(request).filter(([, value]) => value !== undefined),
    ) as UpdateAutomationSettingsRequest;
    if (changes.expiry_warning_days) {
      // Largest first and without repeats, the order the warnings go out in.
      changes.expiry_warning_days = [...new Set(changes.expiry_warning_days)].sort((a, b) => b - a);
    }
    return this.store.update(AUTOMATION_SETTINGS_KEY, this.defaults, changes);
  }
}
