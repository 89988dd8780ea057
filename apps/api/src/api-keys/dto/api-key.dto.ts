import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  API_KEY_RESOURCES,
  API_KEY_SCOPES,
  API_KEY_STATUSES,
  ApiKeyAccess,
  ApiKeyResource,
  ApiKeyResponse,
  ApiKeyScope,
  ApiKeyScopeResponse,
  ApiKeyStatus,
  CreateApiKeyRequest,
  CreatedApiKeyResponse,
} from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsNulFree } from '../../common/validation/text';
import { trimString } from '../../common/validation/transforms';

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'Billing sync (WHMCS)', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNulFree()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    enum: API_KEY_SCOPES,
    isArray: true,
    example: ['customers:read', 'provisioning:write'],
    description: 'At least one; see `GET /api/v1/api-keys/scopes`',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, {
    each: true,
    message: `each value in scopes must be one of: ${API_KEY_SCOPES.join(', ')}`,
  })
  scopes!: ApiKeyScope[];

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00Z',
    nullable: true,
    type: String,
    description: 'When the key stops working (in the future); omitted or null: never',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expires_at?: string | null;
}

export class ApiKeyResponseDto implements ApiKeyResponse {
  @ApiProperty({ example: 3 }) id!: number;
  @ApiProperty({ example: 'Billing sync (WHMCS)' }) name!: string;
  @ApiProperty({
    example: 'nbk_Xy12ab9Q',
    description: 'The first characters of the key, to tell keys apart (not a secret)',
  })
  key_prefix!: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['customers:read'] })
  scopes!: ApiKeyScope[];
  @ApiProperty({ enum: API_KEY_STATUSES, example: 'active' }) status!: ApiKeyStatus;
  @ApiProperty({ example: '2027-01-01T00:00:00.000Z', nullable: true, type: String })
  expires_at!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) revoked_at!: string | null;
  @ApiProperty({
    example: '2026-11-26T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'Updated at most once a minute',
  })
  last_used_at!: string | null;
  @ApiProperty({ example: '203.0.113.9', nullable: true, type: String })
  last_used_ip!: string | null;
  @ApiProperty({ example: 'admin@test.com', nullable: true, type: String })
  created_by!: string | null;
  @ApiProperty({ example: '2026-11-26T09:00:00.000Z' }) created_at!: string;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto implements CreatedApiKeyResponse {
  @ApiProperty({
    example: 'nbk_Xy12ab9Q…',
    description:
      'The key itself: send it as `Authorization: Bearer <secret>`. Shown only in this answer; ' +
      'only its SHA-256 is stored.',
  })
  secret!: string;
}

export class ApiKeyScopeResponseDto implements ApiKeyScopeResponse {
  @ApiProperty({ enum: API_KEY_SCOPES, example: 'customers:read' }) scope!: ApiKeyScope;
  @ApiProperty({ enum: API_KEY_RESOURCES, example: 'customers' }) resource!: ApiKeyResource;
  @ApiProperty({ enum: ['read', 'write'], example: 'read' }) access!: ApiKeyAccess;
  @ApiProperty({ example: 'List customers and read their details, licenses and accounts' })
  description!: string;
}
