import { Module } from '@nestjs/common';

/** Remits area (filled in by the service issue). */
@Module({})
export class RemitsModule {}
