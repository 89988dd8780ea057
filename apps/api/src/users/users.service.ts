import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CurrentUserResponse } from '@nextpanel/shared';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findActiveById(id: number): Promise<User | null> {
    return this.users.findOne({ where: { id, isActive: true } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  async recordLogin(id: number): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: () => 'now()' });
  }

  async getProfile(id: number): Promise<CurrentUserResponse | null> {
    const user = await this.findActiveById(id);
    return user ? toCurrentUserResponse(user) : null;
  }
}

export function toCurrentUserResponse(user: User): CurrentUserResponse {
  return {
    id: user.id,
    email: user.email,
    full_name: user.fullName,
    role: user.role,
    is_active: user.isActive,
    created_at: user.createdAt.toISOString(),
  };
}
