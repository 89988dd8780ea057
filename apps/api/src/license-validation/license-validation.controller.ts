import { Body, Controller, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidateLicenseResponse } from '@nextpanel/shared';
import { Public } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ValidateLicenseDto, ValidateLicenseResponseDto } from './dto/validate-license.dto';
import { LicenseValidationService } from './license-validation.service';

@ApiTags('licenses')
@Controller('licenses')
export class LicenseValidationController {
  constructor(private readonly validation: LicenseValidationService) {}

  @Post('validate')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'The panel’s quota call-back: may this license create one more database, domain, mailbox (or use disk)?',
    description:
      'Authenticated by HMAC, not a bearer token: `signature` = lower-case hex HMAC-SHA256 of `<timestamp>.<license_key>.<feature>` ' +
      'keyed with the calling panel server’s API secret, and `X-API-Key` = that server’s API key. Timestamps more than 5 minutes ' +
      'off, bad signatures and replays are refused with 401. Business answers are 200: `{valid: true, remaining_quota}` or ' +
      '`{valid: false, error}`. See docs/panel-contract.md for the recipe.',
  })
  @ApiHeader({
    name: 'X-API-Key',
    required: true,
    description: 'The calling panel server’s API key',
  })
  @ApiOkResponse({ type: ValidateLicenseResponseDto })
  @ApiErrorResponses(400, 401, 429)
  validate(
    @Headers('x-api-key') apiKey: string | undefined,
    @Body() body: ValidateLicenseDto,
  ): Promise<ValidateLicenseResponse> {
    return this.validation.validate(apiKey, body);
  }
}
