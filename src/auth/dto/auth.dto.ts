import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../roles.js';

export class SignInDto {
  @ApiProperty({ maxLength: 64 })
  @IsString()
  @Length(1, 64, { message: 'username must be 1 to 64 characters' })
  username!: string;

  @ApiProperty({ maxLength: 256 })
  @IsString()
  @Length(1, 256, { message: 'password must be 1 to 256 characters' })
  password!: string;
}

export class CreateUserDto {
  @ApiProperty({ description: 'Letters, digits, dot, dash, underscore; case-insensitive.', maxLength: 64 })
  @IsString()
  @Length(2, 64, { message: 'username must be 2 to 64 characters' })
  username!: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'displayName must be 1 to 120 characters' })
  displayName?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @Length(12, 256, { message: 'password must be 12 to 256 characters' })
  password!: string;
}

/** Optional, but not null: a null would reach the service as a value (`null.trim()`), not as "unchanged". */
const IsOptionalNotNull = () => ValidateIf((_o: unknown, v: unknown) => v !== undefined);

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptionalNotNull()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 120, { message: 'displayName must be 1 to 120 characters' })
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({
    minLength: 12,
    maxLength: 256,
    description: 'A new password (ends their sessions).',
  })
  @IsOptionalNotNull()
  @IsString()
  @Length(12, 256, { message: 'password must be 12 to 256 characters' })
  password?: string;
}

export class CreateTokenDto {
  @ApiProperty({ description: 'What the token is for (a script, a clearinghouse job).', maxLength: 80 })
  @IsString()
  @Length(1, 80, { message: 'name must be 1 to 80 characters' })
  name!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 730, description: 'Days until it expires (default: never).' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'expiresInDays must be a whole number' })
  @Min(1, { message: 'expiresInDays must be 1 to 730' })
  @Max(730, { message: 'expiresInDays must be 1 to 730' })
  expiresInDays?: number;

  @ApiPropertyOptional({ description: 'Admins only: the user the token acts as (default: yourself).' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a user id' })
  userId?: string;
}

export class IdParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
