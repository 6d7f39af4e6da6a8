import { Module } from '@nestjs/common';
import { InputsModule } from '../inputs/inputs.module.js';
import { RemitsModule } from '../remits/remits.module.js';
import { ClaimsController } from './claims.controller.js';
import { ClaimsRepository } from './claims.repository.js';
import { ClaimsService } from './claims.service.js';

/** Claims (837): lists and detail; linked payments come from the remits area. */
@Module({
  imports: [RemitsModule, InputsModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimsRepository],
  exports: [ClaimsService],
})
export class ClaimsModule {}
