import { Alert, Anchor, Badge, Card, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { usePublicStatus } from '../../hooks/use-status-pages';
import { useLanguage } from '../../i18n/use-language';
import { LanguageSwitch } from '../../layout/language-switch';
import { formatDateTime, formatPercent } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';

const SERVICE_COLOURS = { operational: 'green', degraded: 'yellow', disrupted: 'red', maintenance: 'indigo' } as const;

/**
 * A client's status page, opened through its secret link without signing in: the state
 * of its services and the public updates of open incidents, nothing internal.
 */
export function StatusPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { token = '' } = useParams();
  const status = usePublicStatus(token);
  usePageTitle(status.data ? t('status.title', { client: status.data.client.name }) : t('status.titleGeneric'));
  const refused = status.error instanceof ApiError && status.error.status === 404;

  return (
    <Container size="md" py="lg">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="sm" c="dimmed" fw={600}>
              {t('app.name')}
            </Text>
            <Title order={1} size="h2">
              {status.data ? t('status.title', { client: status.data.client.name }) : t('status.titleGeneric')}
            </Title>
          </div>
          <LanguageSwitch />
        </Group>
        {status.isPending && <PageLoader />}
        {refused && (
          <Alert color="orange" title={t('status.invalidTitle')} role="alert" data-testid="status-invalid">
            {t('status.invalidText')}
          </Alert>
        )}
        {status.isError && !refused && <QueryError error={status.error} onRetry={() => void status.refetch()} />}
        {status.data && (
          <>
            {(() => {
              const disrupted =
                status.data.incidents.length > 0 || status.data.services.some((s) => s.state === 'disrupted');
              const degraded = status.data.services.some((s) => s.state === 'degraded');
              const maintenance = status.data.services.some((s) => s.state === 'maintenance');
              const [colour, title] = disrupted
                ? (['red', 'status.someDisrupted'] as const)
                : degraded
                  ? (['yellow', 'status.someDegraded'] as const)
                  : maintenance
                    ? (['indigo', 'status.someMaintenance'] as const)
                    : (['green', 'status.allOperational'] as const);
              return (
                <Alert color={colour} variant="filled" data-testid="status-summary" title={t(title)}>
                  {t('status.updatedAt', {
                    time: formatDateTime(status.data.generatedAt, language, status.data.timezone),
                  })}
                </Alert>
              );
            })()}
            <section aria-labelledby="status-services-title">
              <Title order={2} size="h4" id="status-services-title" mb="xs">
                {t('status.services')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="status-services">
                {status.data.services.map((service) => (
                  <Paper key={service.name} withBorder p="sm" radius="md">
                    <Group justify="space-between" wrap="nowrap">
                      <div>
                        <Text size="sm" fw={600}>
                          {service.name}
                        </Text>
                        {service.availability30d !== null && (
                          <Text size="xs" c="dimmed" data-testid="service-availability">
                            {t('status.availability30d', { ratio: formatPercent(service.availability30d, language) })}
                          </Text>
                        )}
                      </div>
                      <Badge color={SERVICE_COLOURS[service.state]} variant="light" miw="max-content">
                        {t(`portal.${service.state}`)}
                      </Badge>
                    </Group>
                  </Paper>
                ))}
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt={4}>
                {t(status.data.stateSource === 'checks' ? 'status.fromChecks' : 'status.fromIncidents')}
              </Text>
            </section>
            {status.data.maintenance.length > 0 && (
              <section aria-labelledby="status-maintenance-title">
                <Title order={2} size="h4" id="status-maintenance-title" mb="xs">
                  {t('status.maintenance')}
                </Title>
                <Stack gap="xs" data-testid="status-maintenance">
                  {status.data.maintenance.map((work) => {
                    const underWay = work.from <= status.data.generatedAt;
                    return (
                      <Paper key={`${work.from}:${work.to}:${work.services.join()}`} withBorder p="sm" radius="md">
                        <Group justify="space-between" align="baseline" wrap="nowrap">
                          <Text size="sm" fw={600}>
                            {t('status.maintenancePeriod', {
                              from: formatDateTime(work.from, language, status.data.timezone),
                              to: formatDateTime(work.to, language, status.data.timezone),
                            })}
                          </Text>
                          <Badge color={underWay ? 'indigo' : 'gray'} variant="light" miw="max-content">
                            {t(underWay ? 'status.maintenanceUnderWay' : 'status.maintenanceComing')}
                          </Badge>
                        </Group>
                        <Text size="sm" c="dimmed">
                          {work.services.join(', ')}
                        </Text>
                      </Paper>
                    );
                  })}
                </Stack>
              </section>
            )}
            <section aria-labelledby="status-incidents-title">
              <Title order={2} size="h4" id="status-incidents-title" mb="xs">
                {t('status.incidents')}
              </Title>
              {status.data.incidents.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('status.noIncident')}
                </Text>
              ) : (
                <Stack gap="sm" data-testid="status-incidents">
                  {status.data.incidents.map((incident) => (
                    <Card key={incident.number} withBorder radius="md" padding="md" component="article">
                      <Group justify="space-between" align="baseline">
                        <Text fw={600}>
                          {t('incidents.number', { number: incident.number })} · {incident.title}
                        </Text>
                        <Badge color="orange" variant="light">
                          {t(`incidents.status.${incident.status}`)}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed" mb="xs">
                        {t('status.since', {
                          time: formatDateTime(incident.startedAt, language, status.data.timezone),
                        })}
                      </Text>
                      {incident.updates.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('status.noUpdate')}
                        </Text>
                      ) : (
                        <Stack gap={6}>
                          {incident.updates.map((update, index) => (
                            <div key={`${update.at}:${index}`}>
                              <Text size="xs" c="dimmed">
                                {formatDateTime(update.at, language, status.data.timezone)}
                              </Text>
                              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                                {update.text}
                              </Text>
                            </div>
                          ))}
                        </Stack>
                      )}
                    </Card>
                  ))}
                </Stack>
              )}
            </section>
            <Group gap="md" justify="space-between">
              <Text size="xs" c="dimmed">
                {t('status.refresh')}
              </Text>
              <Anchor
                size="xs"
                href={`/api/v1/status/${encodeURIComponent(token)}/feed.atom${language === 'en' ? '?lang=en' : ''}`}
                type="application/atom+xml"
                data-testid="status-feed"
              >
                {t('status.feed')}
              </Anchor>
            </Group>
          </>
        )}
      </Stack>
    </Container>
  );
}
