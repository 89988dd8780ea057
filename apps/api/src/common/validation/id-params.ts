import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { validationFailed } from '../errors/domain.exception';
import { INT4_MAX } from './limits';

/**
 * Path ids of SERIAL rows: a positive integer within PostgreSQL's `integer` range. Unlike
 * ParseIntPipe it also refuses `99999999999`, which would otherwise reach the database and fail
 * there as a 500, and it names the parameter in `details` like every other validation error.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= INT4_MAX)) {
      const field = metadata.data ?? 'id';
      throw validationFailed([{ field, message: `${field} must be a positive integer` }]);
    }
    return id;
  }
}

/** Path ids of UUID rows (plans); anything else is a 400 naming the parameter, never a query error. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value, 'all')) {
      const field = metadata.data ?? 'id';
      throw validationFailed([{ field, message: `${field} must be a UUID` }]);
    }
    return value;
  }
}
