import { Accordion, Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** How Alertmanager and Prometheus, which people already run, talk to Vigie with a token. */
export function TokenUsage() {
  const { t } = useTranslation();
  const { origin, host, protocol } = window.location;
  const scheme = protocol.replace(':', '');
  const alertmanager = [
    'receivers:',
    '  - name: vigie',
    '    webhook_configs:',
    `      - url: ${origin}/api/v1/alerts/alertmanager`,
    '        send_resolved: true',
    '        http_config:',
    '          authorization:',
    '            credentials: vgt_…',
  ].join('\n');
  const prometheus = [
    'scrape_configs:',
    '  - job_name: vigie',
    `    scheme: ${scheme}`,
    '    metrics_path: /metrics',
    '    authorization:',
    '      credentials: vgt_…',
    '    static_configs:',
    `      - targets: ['${host}']`,
  ].join('\n');
  const prometheusAlerts = [
    'alerting:',
    '  alertmanagers:',
    '    - api_version: v2',
    `      scheme: ${scheme}`,
    '      path_prefix: /api/v1/prometheus',
    '      authorization:',
    '        credentials: vgt_…',
    '      static_configs:',
    `        - targets: ['${host}']`,
  ].join('\n');
  return (
    <Accordion variant="contained" maw={720}>
      <Accordion.Item value="examples">
        <Accordion.Control>{t('admin.tokens.examples')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="xs">
            <Text size="sm">{t('admin.tokens.alertmanagerHint')}</Text>
            <Code block data-testid="alertmanager-example">
              {alertmanager}
            </Code>
            <Text size="sm">{t('admin.tokens.prometheusHint')}</Text>
            <Code block data-testid="prometheus-example">
              {prometheus}
            </Code>
            <Text size="sm">{t('admin.tokens.prometheusAlertsHint')}</Text>
            <Code block data-testid="prometheus-alerts-example">
              {prometheusAlerts}
            </Code>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
