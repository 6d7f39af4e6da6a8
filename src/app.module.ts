import { Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';

/** Imports the area modules; nothing else. */
@Module({ imports: [HealthModule] })
export class AppModule {}
