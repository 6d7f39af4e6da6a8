import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { dataSourceOptions } from './data-source.js';
import { PgClientErrors } from './pg-client-errors.js';
import { WriteLock } from './write-lock.js';

/** The database connection for the app, from the validated configuration; migrations run at start-up; the write lock. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [ConfigModule],
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.database, config.migrationsRun),
    }),
  ],
  providers: [WriteLock, PgClientErrors],
  exports: [WriteLock],
})
export class DatabaseModule {}
