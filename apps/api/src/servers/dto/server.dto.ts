import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ConnectionFailure,
  CreateServerRequest,
  ServerResponse,
  ServerStatusResponse,
  TestServerConnectionRequest,
  TestServerConnectionResponse,
  UpdateServerRequest,
} from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsPanelBaseUrl } from './panel-base-url.validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TestServerConnectionDto implements TestServerConnectionRequest {
  @ApiPropertyOptional({ example: 'Test Server', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiProperty({
    example: 'http://localhost:3000',
    description: 'http(s) URL of the panel, without credentials or fragment',
  })
  @Transform(trim)
  @IsPanelBaseUrl()
  base_url!: string;

  @ApiProperty({ example: 'npk_demo_7f3a9c2e51d84b60', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  api_key!: string;

  @ApiProperty({ example: 'nps_demo_c41e8b7a29f3d506e8a1', maxLength: 500, writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  api_secret!: string;

  @ApiPropertyOptional({ example: 100, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity?: number;
}

export class CreateServerDto implements CreateServerRequest {
  @ApiProperty({ example: 'Production Server 1', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'Main hosting server', nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({
    example: 'http://localhost:3000',
    description: 'http(s) URL of the panel, without credentials or fragment',
  })
  @Transform(trim)
  @IsPanelBaseUrl()
  base_url!: string;

  @ApiProperty({ example: 'npk_demo_7f3a9c2e51d84b60', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  api_key!: string;

  @ApiProperty({
    example: 'nps_demo_c41e8b7a29f3d506e8a1',
    maxLength: 500,
    writeOnly: true,
    description: 'Stored encrypted; never returned',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  api_secret!: string;

  @ApiProperty({ example: 100, minimum: 1, description: 'Maximum number of hosting accounts' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity!: number;

  @ApiPropertyOptional({ example: 'US-East', nullable: true, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  location?: string | null;

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptional()
  @IsBoolean()
  is_active?: boolean;
}

export class UpdateServerDto extends PartialType(CreateServerDto) implements UpdateServerRequest {}

export class TestServerConnectionResponseDto implements TestServerConnectionResponse {
  @ApiProperty({ example: true })
  success!: boolean;

  @ApiProperty({ example: 'Connection successful! Server is online.' })
  message!: string;

  @ApiProperty({ example: 'http://localhost:3000' })
  url!: string;

  @ApiPropertyOptional({ enum: Object.values(ConnectionFailure), example: 'credentials_refused' })
  reason?: ConnectionFailure;

  @ApiPropertyOptional({ example: 12 })
  latency_ms?: number;
}

export class ServerResponseDto implements ServerResponse {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'Production Server 1' }) name!: string;
  @ApiProperty({ example: 'Main hosting server', nullable: true, type: String }) description!:
    string | null;
  @ApiProperty({ example: 'http://localhost:3000' }) base_url!: string;
  @ApiProperty({
    example: 'npk_…4b60',
    description: 'Masked; the full key and the secret are never returned',
  })
  api_key!: string;
  @ApiProperty({ example: true }) is_active!: boolean;
  @ApiProperty({ example: true }) is_online!: boolean;
  @ApiProperty({ example: 100 }) capacity!: number;
  @ApiProperty({
    example: 5,
    description: 'Live accounts (provisioning, active, suspended) counted in the database',
  })
  current_accounts!: number;
  @ApiProperty({ example: 5.0 }) utilization_percent!: number;
  @ApiProperty({ example: 95 }) available_slots!: number;
  @ApiProperty({ example: 'US-East', nullable: true, type: String }) location!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z', nullable: true, type: String })
  last_checked_at!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) last_error!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) updated_at!: string;
}

export class ServerStatusResponseDto implements ServerStatusResponse {
  @ApiProperty({ example: '1', description: 'The server id, as a string (as the guide shows)' })
  server_id!: string;
  @ApiProperty({ example: 'Production Server 1' }) name!: string;
  @ApiProperty({ example: 'http://localhost:3000' }) url!: string;
  @ApiProperty({ example: true }) is_active!: boolean;
  @ApiProperty({ example: true }) is_online!: boolean;
  @ApiProperty({ example: 5 }) current_accounts!: number;
  @ApiProperty({ example: 100 }) capacity!: number;
  @ApiProperty({ example: 5.0 }) utilization!: number;
  @ApiPropertyOptional({ example: 'could not be reached (connection refused)' }) error?: string;
}
