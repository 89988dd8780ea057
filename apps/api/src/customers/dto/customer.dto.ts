import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  CreateCustomerRequest,
  CUSTOMER_SORTS,
  CustomerDetailsResponse,
  CustomerListQuery,
  CustomerResponse,
  CustomerSort,
  DEFAULT_CUSTOMER_SORT,
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  RegisterRequest,
  STRONG_PASSWORD_PATTERN,
  STRONG_PASSWORD_RULE,
  UpdateCustomerRequest,
} from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/page.dto';
import { SEARCH_MAX_LENGTH } from '../../common/validation/limits';
import {
  IsOptionalNotNull,
  normalizeEmail,
  queryBoolean,
  queryText,
  trimString,
  trimToNull,
} from '../../common/validation/transforms';
import { IsNulFree } from '../../common/validation/text';
import { LicenseResponseDto } from '../../licenses/dto/license.dto';
import { HostingAccountSummaryDto } from '../../provisioning/dto/provision.dto';

/** Digits with the usual separators and an optional leading +, e.g. +1 (555) 123-4567. */
const PHONE_PATTERN = /^\+?(?=(?:\D*\d){4})[\d ().-]{4,39}$/;
const PHONE_RULE = 'phone must be a phone number such as +1234567890';

export class CreateCustomerDto implements CreateCustomerRequest {
  @ApiProperty({
    example: 'testcustomer@example.com',
    maxLength: EMAIL_MAX_LENGTH,
    description: 'Sign-in email; stored trimmed and lower-case, unique in any letter case',
  })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({ example: 'Test Customer', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @IsNulFree()
  @IsNotEmpty()
  @MaxLength(200)
  full_name!: string;

  @ApiPropertyOptional({ example: 'Test Corp', maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @IsNulFree()
  @MaxLength(200)
  company_name?: string | null;

  @ApiProperty({
    example: 'Password123!',
    minLength: 8,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `${STRONG_PASSWORD_RULE}. Stored as an Argon2id hash; never returned.`,
    writeOnly: true,
  })
  @IsString()
  @Matches(STRONG_PASSWORD_PATTERN, { message: STRONG_PASSWORD_RULE })
  password!: string;

  @ApiPropertyOptional({ example: '+1234567890', maxLength: 40, nullable: true, type: String })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @Matches(PHONE_PATTERN, { message: PHONE_RULE })
  phone?: string | null;

  @ApiPropertyOptional({
    example: true,
    default: true,
    description: 'false: the customer exists but cannot sign in',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  is_active?: boolean;
}

/**
 * Any subset of the customer's fields. A new password is hashed again; `is_active: false`
 * deactivates. `skipNullProperties: false` refuses null for the fields that cannot be empty.
 */
export class UpdateCustomerDto
  extends PartialType(CreateCustomerDto, { skipNullProperties: false })
  implements UpdateCustomerRequest {}

export class CustomerListQueryDto extends PageQueryDto implements CustomerListQuery {
  @ApiPropertyOptional({
    example: 'acme',
    maxLength: SEARCH_MAX_LENGTH,
    description: 'Part of the email, full name or company name, case-insensitive',
  })
  @IsOptional()
  @Transform(queryText)
  @IsString()
  @IsNulFree()
  @MaxLength(SEARCH_MAX_LENGTH)
  search?: string;

  @ApiPropertyOptional({
    example: true,
    type: Boolean,
    description: 'Only active (or deactivated) customers',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'is_active must be true or false' })
  is_active?: boolean;

  @ApiPropertyOptional({
    enum: CUSTOMER_SORTS,
    default: DEFAULT_CUSTOMER_SORT,
    description: 'A field sorts ascending, a leading `-` descending; default newest first',
  })
  @IsOptional()
  @Transform(queryText)
  @IsIn(CUSTOMER_SORTS, { message: `sort must be one of: ${CUSTOMER_SORTS.join(', ')}` })
  sort?: CustomerSort;
}

export class CustomerResponseDto implements CustomerResponse {
  @ApiProperty({ example: 2, description: 'Also the customer’s user id' })
  id!: number;

  @ApiProperty({ example: 'testcustomer@example.com' })
  email!: string;

  @ApiProperty({ example: 'Test Customer' })
  full_name!: string;

  @ApiProperty({ example: 'Test Corp', nullable: true, type: String })
  company_name!: string | null;

  @ApiProperty({ example: '+1234567890', nullable: true, type: String })
  phone!: string | null;

  @ApiProperty({ example: true })
  is_active!: boolean;

  @ApiProperty({ example: '2026-11-26T12:00:00.000Z', nullable: true, type: String })
  last_login_at!: string | null;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  updated_at!: string;
}

export class CustomerDetailsResponseDto
  extends CustomerResponseDto
  implements CustomerDetailsResponse
{
  @ApiProperty({ type: [LicenseResponseDto], description: 'Every license, newest first' })
  licenses!: LicenseResponseDto[];

  @ApiProperty({
    type: [HostingAccountSummaryDto],
    description: 'Every hosting account, terminated and failed ones included, newest first',
  })
  accounts!: HostingAccountSummaryDto[];
}

export class CustomerPageDto extends PageMetaDto {
  @ApiProperty({ type: [CustomerResponseDto] })
  items!: CustomerResponseDto[];
}

/** POST /api/v1/auth/register: the storefront's sign-up; always an active customer. */
export class RegisterDto
  extends OmitType(CreateCustomerDto, ['is_active'] as const)
  implements RegisterRequest {}
