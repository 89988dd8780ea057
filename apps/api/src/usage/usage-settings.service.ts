import { Inject, Injectable } from '@nestjs/common';
import { UpdateUsageSettingsRequest, UsageSettings } from '@nextpanel/shared';
import { validationFailed } from '../common/errors/domain.exception';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { SettingsStore } from '../settings/settings.service';

/** The `usage` settings group: defaults from the environment, changed by admins at run time. */
export const USAGE_SETTINGS_KEY = 'usage';

@Injectable()
export class UsageSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: SettingsStore,
  ) {}

  private get defaults(): UsageSettings {
    return {
      warning_percent: this.config.usage.warningPercent,
      hysteresis_percent: this.config.usage.hysteresisPercent,
    };
  }

  read(): Promise<UsageSettings> {
    return this.store.read(USAGE_SETTINGS_KEY, this.defaults);
  }

  async update(request: UpdateUsageSettingsRequest): Promise<UsageSettings> {
    // Only the fields sent: an absent one (undefined on the DTO) must not blank the stored value.
    const changes = Object.fromEntries(
      Object.entries(request).filter(([, value]) => value !== undefined),
    ) as UpdateUsageSettingsRequest;
    const next = { ...(await this.read()), ...changes };
    if (next.hysteresis_percent >= next.warning_percent) {
      throw validationFailed([
        {
          field: 'hysteresis_percent',
          message: `hysteresis_percent must be below warning_percent (${next.warning_percent})`,
        },
      ]);
    }
    return this.store.update(USAGE_SETTINGS_KEY, this.defaults, changes);
  }
}
