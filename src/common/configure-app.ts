import { type INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HttpExceptionFilter } from './http-exception.filter.js';

/**
 * What every HTTP entry point applies, the real server and the e2e tests alike: validation of query
 * and body DTOs (every problem listed, unknown fields refused), the error filter, and OpenAPI at /api/docs.
 */
export function configureApp(app: INestApplication): INestApplication {
  // JSON bodies up to 512 kB (Express's default is 100 kB): a rule file sent to the dry-run may be
  // 200 kB of YAML, more once escaped in JSON. Files travel as multipart uploads, not JSON.
  (app as NestExpressApplication).useBodyParser('json', { limit: '512kb' });
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('claimguard')
      .setDescription('Claims denial prevention and revenue-cycle analysis: files, claims and remittances.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
