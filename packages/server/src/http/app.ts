import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import {
  type FastifyPluginAsyncZod,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { FastifyBaseLogger } from 'fastify';
import { installAuthGuard } from './auth-guard';
import type { HttpDeps } from './deps';
import { mapError } from './error-mapper';
import { parseJsonBody } from './json-body';
import { agentRoutes } from './routes/agents';
import { apiTokenRoutes } from './routes/api-tokens';
import { auditRoutes } from './routes/audit';
import { crisisCellRoutes } from './routes/crisis-cell';
import { detectionRoutes } from './routes/detection';
import { alertmanagerApiRoutes } from './routes/alertmanager-api';
import { silenceRoutes } from './routes/silences';
import { onCallRoutes } from './routes/on-call';
import { drillRoutes } from './routes/drill';
import { runbookRoutes } from './routes/runbooks';
import { incidentRoutes } from './routes/incidents';
import { settingsRoutes } from './routes/settings';
import { statusPageRoutes } from './routes/status-page';
import { statusBadgeRoutes } from './routes/status-badge';
import { statusFeedRoutes } from './routes/status-feed';
import { streamRoutes } from './routes/stream';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { heartbeatRoutes } from './routes/heartbeats';
import { metricsRoutes } from './routes/metrics';
import { monitoringRoutes } from './routes/monitoring';
import { AlertCounters } from '../metrics/alert-counters';
import { planRoutes } from './routes/plan';
import { userRoutes } from './routes/users';
import { webApp } from './web-app';

export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface AppOptions {
  logger?: FastifyBaseLogger | boolean;
  /** Extra routes registered after the API's own, under the same guard. */
  plugins?: FastifyPluginAsyncZod[];
}

/** Builds the HTTP application: plugins, guard, error mapping and every route. */
export async function buildApp(deps: HttpDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(typeof options.logger === 'object' ? { loggerInstance: options.logger } : { logger: options.logger ?? false }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
    // One line per request is noise at this scale; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  // JSON read as Fastify reads it, with a message that says what is wrong and where.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = mapError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'NotFound', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  // Mantine writes its theme variables in <style> elements; scripts stay 'self' only. Over
  // plain HTTP (a LAN install), upgrade-insecure-requests would send the app's own files to https.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        ...(!deps.secureCookies && { upgradeInsecureRequests: null }),
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Vigie API',
        version: '1',
        description: 'An executable business continuity plan for contact centres',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vigie_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });

  installAuthGuard(app, deps);
  const alertCounters = new AlertCounters();

  await app.register(healthRoutes);
  await app.register(authRoutes(deps));
  await app.register(planRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(apiTokenRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(streamRoutes(deps));
  await app.register(incidentRoutes(deps));
  await app.register(crisisCellRoutes(deps));
  await app.register(settingsRoutes(deps));
  await app.register(monitoringRoutes(deps));
  await app.register(heartbeatRoutes(deps));
  await app.register(detectionRoutes(deps, alertCounters));
  await app.register(silenceRoutes(deps));
  await app.register(onCallRoutes(deps));
  await app.register(alertmanagerApiRoutes(deps));
  await app.register(metricsRoutes(deps, alertCounters));
  await app.register(runbookRoutes(deps));
  await app.register(drillRoutes(deps));
  await app.register(statusPageRoutes(deps));
  await app.register(statusBadgeRoutes(deps));
  await app.register(statusFeedRoutes(deps));
  await app.register(agentRoutes(deps));
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  await app.register(webApp());

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  return app;
}
