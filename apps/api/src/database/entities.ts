import { Plan } from '../plans/plan.entity';
import { User } from '../users/user.entity';

/** Every entity, listed explicitly: the compiled app has no source globs to scan. */
export const ENTITIES = [User, Plan];
