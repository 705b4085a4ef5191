import type { INestApplication } from '@nestjs/common';
import { documentScopes } from '@crm-hub/access';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document (`/docs/openapi.json`) and its UI (`/docs`), open like `/health`. */
export function setupOpenApi(app: INestApplication, version: string): void {
  const config = new DocumentBuilder()
    .setTitle('CRM Hub API')
    .setDescription(
      'Keeps a platform database in step with CRMs through plugins. Every /api route needs `Authorization: Bearer <api key>`, ' +
        'of the scope the route names (`x-required-scope`: read < operate < admin; a 403 names the scope needed). A key limited to accounts gets 404 for the others\' resources. ' +
        'Every change is recorded in the audit log (GET /api/audit). ' +
        'Errors are RFC 9457 problem+json documents whose `errors[]` names each bad field.',
    )
    .setVersion(version)
    // Not addBearerAuth(): it adds `bearerFormat: JWT`, and the key is an opaque string, not a JWT.
    .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'An API key (POST /api/keys, HUB_API_KEYS, or the key printed on first start)' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  documentScopes(document);
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ProblemDetails: {
      type: 'object',
      required: ['type', 'title', 'status', 'detail'],
      properties: {
        type: { type: 'string', example: 'urn:crm-hub:problem:validation-error' },
        title: { type: 'string', example: 'Bad Request' },
        status: { type: 'integer', example: 400 },
        detail: { type: 'string' },
        instance: { type: 'string', example: '/api/accounts' },
        errors: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string', example: 'config.loginUrl' }, message: { type: 'string' } } },
        },
      },
    },
  };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', useGlobalPrefix: false });
}
