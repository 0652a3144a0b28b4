import { Alert, Button, Code, CopyButton, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A secret the server shows once (an API or agent token): the warning, the value, copy, done. */
export function SecretShownOnce({
  secret,
  warning,
  testId,
  onDone,
}: {
  secret: string;
  warning: string;
  testId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert color="yellow" role="status">
        {warning}
      </Alert>
      <Code block data-testid={testId}>
        {secret}
      </Code>
      <Group justify="space-between">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
              {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{t('admin.tokens.done')}</Button>
      </Group>
    </Stack>
  );
}
