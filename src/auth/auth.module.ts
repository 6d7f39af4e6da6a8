import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Users, sessions, API tokens, and the guard every request passes. */
@Module({
  controllers: [AuthController, UsersController],
  providers: [UsersRepository, UsersService, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersService, AuthService],
})
export class AuthModule {}
