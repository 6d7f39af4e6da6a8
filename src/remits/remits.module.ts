import { Module } from '@nestjs/common';
import { RemitsController } from './remits.controller.js';
import { RemitsRepository } from './remits.repository.js';
import { RemitsService } from './remits.service.js';

/** Remittances (835): lists, detail and unmatched claim payments; RemitsService serves claim detail too. */
@Module({
  controllers: [RemitsController],
  providers: [RemitsService, RemitsRepository],
  exports: [RemitsService],
})
export class RemitsModule {}
