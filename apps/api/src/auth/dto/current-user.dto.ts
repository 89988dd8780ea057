import { ApiProperty } from '@nestjs/swagger';
import { CurrentUserResponse, USER_ROLES, UserRole } from '@nextpanel/shared';

export class CurrentUserDto implements CurrentUserResponse {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({ example: 'admin@test.com' })
  email!: string;

  @ApiProperty({ example: 'Administrator' })
  full_name!: string;

  @ApiProperty({ enum: USER_ROLES, example: 'admin' })
  role!: UserRole;

  @ApiProperty({ example: true })
  is_active!: boolean;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  created_at!: string;
}
