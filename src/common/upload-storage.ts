import type { DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import multer from 'multer';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Multipart uploads streamed to UPLOAD_DIR on disk, one file of at most UPLOAD_LIMIT_MB: for every upload route. */
export function diskUploadModule(): DynamicModule {
  return MulterModule.registerAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      storage: multer.diskStorage({ destination: config.uploadDir }),
      limits: { fileSize: config.uploadLimitBytes, files: 1 },
    }),
  });
}
