import { ApiProperty } from '@nestjs/swagger';
import {
  EMAIL_MAX_LENGTH,
  LoginRequest,
  LoginResponse,
  PASSWORD_MAX_LENGTH,
} from '@nextpanel/shared';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin@test.com', maxLength: EMAIL_MAX_LENGTH })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({ example: 'Admin123!', maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' })
  access_token!: string;

  @ApiProperty({ example: 'bearer', enum: ['bearer'] })
  token_type!: 'bearer';

  @ApiProperty({ example: 86400, description: 'Seconds until the token expires (24 h by default)' })
  expires_in!: number;
}
