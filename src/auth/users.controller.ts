import { Body, Controller, ForbiddenException, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, SessionOnly } from './access.decorators.js';
import { CreateTokenDto, CreateUserDto, IdParams, UpdateUserDto } from './dto/auth.dto.js';
import type { UserActor } from './roles.js';
import { UsersService } from './users.service.js';

/** Users (admin) and API tokens (everyone their own; admins all). */
@ApiTags('users')
@Controller('api/v1')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Roles()
  @ApiOperation({ summary: 'Every user (admin)' })
  list() {
    return this.users.list();
  }

  @Get('users/assignable')
  @Roles('billing', 'coding')
  @ApiOperation({ summary: 'Enabled users worklist items can be assigned to' })
  assignable() {
    return this.users.assignable();
  }

  @Post('users')
  @Roles()
  @ApiOperation({ summary: 'Add a user (admin); audited' })
  create(@CurrentActor() actor: UserActor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Patch('users/:id')
  @Roles()
  @ApiOperation({
    summary: "Change a user's role, name, password or disabled state (admin); ends their sessions",
  })
  update(@CurrentActor() actor: UserActor, @Param() p: IdParams, @Body() body: UpdateUserDto) {
    return this.users.update(actor, p.id, body);
  }

  @Get('tokens')
  @Roles('billing', 'coding', 'finance')
  @ApiOperation({ summary: 'API tokens: your own (admins: everyone’s)' })
  tokens(@CurrentActor() actor: UserActor) {
    return this.users.tokens(actor.role === 'admin' ? null : actor.userId);
  }

  @Post('tokens')
  @Roles('billing', 'coding', 'finance')
  // A leaked token must not be able to mint a replacement that outlives its revocation.
  @SessionOnly()
  @ApiOperation({ summary: 'Create an API token; the token is in this answer only (stored as a digest)' })
  createToken(@CurrentActor() actor: UserActor, @Body() body: CreateTokenDto) {
    if (body.userId !== undefined && body.userId !== actor.userId && actor.role !== 'admin') {
      throw new ForbiddenException('only admins create tokens for other users');
    }
    return this.users.createToken(actor, body.userId ?? actor.userId, body.name, body.expiresInDays ?? null);
  }

  @Post('tokens/:id/revoke')
  @Roles('billing', 'coding', 'finance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API token (yours; admins: any)' })
  revoke(@CurrentActor() actor: UserActor, @Param() p: IdParams) {
    return this.users.revokeToken(actor, p.id);
  }
}
