import { Module } from '@nestjs/common';
import { ClaimsModule } from './claims/claims.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { RemitsModule } from './remits/remits.module.js';

/** Imports the area modules; nothing else. */
@Module({ imports: [ConfigModule, DatabaseModule, HealthModule, IngestModule, ClaimsModule, RemitsModule] })
export class AppModule {}
