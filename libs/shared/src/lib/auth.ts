export const UserRole = {
  Admin: 'admin',
  Customer: 'customer',
} as const;
export type UserRole = (typeof UserRole)[keyof typeof UserRole];
export const USER_ROLES: readonly UserRole[] = Object.values(UserRole);

/** POST /api/v1/auth/login */
export interface LoginRequest {
  email: string;
  password: string;
}

/** Answer of POST /api/v1/auth/login. `expires_in` is in seconds (24 h by default). */
export interface LoginResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/** GET /api/v1/auth/me */
export interface CurrentUserResponse {
  id: number;
  email: string;
  full_name: string;
  role: UserRole;
  is_active: boolean;
  created_at: string;
}
