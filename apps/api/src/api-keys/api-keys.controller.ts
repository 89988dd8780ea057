import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserRole } from '@nextpanel/shared';
import { Auth, AuthenticatedUser, CurrentUser } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import { RefuseApiKeys } from './api-key-access';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyResponseDto,
  ApiKeyScopeResponseDto,
  CreateApiKeyDto,
  CreatedApiKeyResponseDto,
} from './dto/api-key.dto';

/**
 * Managing keys needs a signed-in admin: a key that could mint keys could grant itself every
 * scope, and a leaked key could outlive its own revocation.
 */
@ApiTags('api keys')
@Auth(UserRole.Admin)
@RefuseApiKeys()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOperation({
    summary: 'Every API key, revoked and expired ones included, newest first (never a secret)',
  })
  @ApiOkResponse({ type: [ApiKeyResponseDto] })
  list(): Promise<ApiKeyResponseDto[]> {
    return this.apiKeys.list();
  }

  @Get('scopes')
  @ApiOperation({ summary: 'Every scope a key can be granted, with what it allows' })
  @ApiOkResponse({ type: [ApiKeyScopeResponseDto] })
  scopes(): ApiKeyScopeResponseDto[] {
    return this.apiKeys.scopes();
  }

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'The answer carries the key (`secret`) once; only its SHA-256 is stored, so it cannot be shown again. ' +
      'Use it as `Authorization: Bearer <secret>`.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  @ApiErrorResponses(400)
  create(
    @Body() body: CreateApiKeyDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CreatedApiKeyResponseDto> {
    return this.apiKeys.create(body, user.id);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'It stops working at once. The key stays listed as `revoked` (idempotent: revoking again changes nothing).',
  })
  @ApiOkResponse({ type: ApiKeyResponseDto })
  @ApiErrorResponses(400, 404)
  revoke(@Param('id', ParseIdPipe) id: number): Promise<ApiKeyResponseDto> {
    return this.apiKeys.revoke(id);
  }
}
