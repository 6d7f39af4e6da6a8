import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuditOutboxRepository } from './audit-outbox.repository.js';
import { AuditController } from './audit.controller.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditRepository } from './audit.repository.js';
import { AUDIT_OUTBOX, AuditService } from './audit.service.js';

/**
 * The audit log, available to every module (changes and views of patient data are recorded), the
 * interceptor that records @Audited routes and CSV downloads, and the admins' read API.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditRepository,
    AuditService,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    {
      // SQLite keeps events that arrive while another writer holds the lock in a file beside the database.
      provide: AUDIT_OUTBOX,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.database.kind === 'sqlite' && config.database.path !== ':memory:'
          ? new AuditOutboxRepository(`${config.database.path}.audit-outbox`)
          : null,
    },
  ],
  exports: [AuditService],
})
export class AuditModule {}
